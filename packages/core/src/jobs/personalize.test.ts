import { describe, expect, it } from 'vitest';
import { personalize, unknownPlaceholders } from './personalize.js';

const asha = { name: 'Asha Rao', phone: '+919812345678' };

describe('personalize', () => {
  it('fills name, firstName and phone, with or without spaces inside the braces', () => {
    expect(personalize('Hi {{name}} / {{ firstName }} / {{phone}}', asha)).toBe(
      'Hi Asha Rao / Asha / +919812345678',
    );
  });

  it('inserts what the customer typed literally, never as template syntax', () => {
    const sneaky = { name: '{{phone}} $& $1', phone: '+14155550100' };
    expect(personalize('Hi {{name}}!', sneaky)).toBe('Hi {{phone}} $& $1!');
    expect(personalize('{{firstName}}', sneaky)).toBe('{{phone}}');
  });

  it('leaves unknown placeholders empty so no customer sees raw template syntax', () => {
    expect(personalize('Hi {{name}}, code: {{coupon}}.', asha)).toBe('Hi Asha Rao, code: .');
  });

  it('uses the name fallback when the customer has no name', () => {
    const anonymous = { name: null, phone: '+14155550100' };
    expect(personalize('Hi {{firstName}}!', anonymous)).toBe('Hi !');
    expect(personalize('Hi {{firstName}}!', anonymous, { nameFallback: 'there' })).toBe('Hi there!');
    expect(personalize('Hi {{name}}!', { name: '   ', phone: '+1' }, { nameFallback: 'there' })).toBe(
      'Hi there!',
    );
  });

  it('does not treat inherited object keys as placeholders', () => {
    expect(personalize('{{constructor}}{{toString}}', asha)).toBe('');
  });
});

describe('unknownPlaceholders', () => {
  it('lists each unknown placeholder once, in order', () => {
    expect(unknownPlaceholders('{{coupon}} {{name}} {{ shop }} {{coupon}}')).toEqual(['coupon', 'shop']);
    expect(unknownPlaceholders('Hi {{firstName}}')).toEqual([]);
  });
});
