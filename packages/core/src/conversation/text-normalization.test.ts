import { describe, expect, it } from 'vitest';
import { foldForMatching, normalizeMessageText } from './text-normalization.js';

describe('normalizeMessageText', () => {
  it('removes WhatsApp bold, italic, strike-through and monospace markers', () => {
    expect(normalizeMessageText('*2x coke* _please_ ~bread~ ```rice``` `salt`')).toBe(
      '2x coke please bread rice salt',
    );
  });

  it('removes nested markers', () => {
    expect(normalizeMessageText('*_bold italic_*')).toBe('bold italic');
  });

  it('keeps markers inside words and arithmetic', () => {
    expect(normalizeMessageText('snake_case_name 2*3')).toBe('snake_case_name 2*3');
  });

  it('removes emoji, skin tones, zero-width joiners and flags but keeps keycap digits', () => {
    expect(normalizeMessageText('🍞 bread 👍🏽 👨‍👩‍👧 🇧🇷 3️⃣ eggs')).toBe('bread 3 eggs');
  });

  it('applies NFKC, removes invisible characters and collapses spaces, keeping line breaks', () => {
    expect(normalizeMessageText('  ２ \u200Bcafe\u0301\u00A0\u00A0 ﬁsh \r\n\n\t3 bread  ')).toBe(
      '2 café fish\n3 bread',
    );
  });

  it('keeps case and accents', () => {
    expect(normalizeMessageText('Pão de Queijo')).toBe('Pão de Queijo');
  });
});

describe('foldForMatching', () => {
  it('lower-cases, removes accents and punctuation, and reads "&" as "and"', () => {
    expect(foldForMatching('Café-Crème (Grande)!')).toBe('cafe creme grande');
    expect(foldForMatching('Mac & Cheese')).toBe('mac and cheese');
  });

  it('joins a number to its measure and reads a decimal comma', () => {
    expect(foldForMatching('Coca Cola 500 ml')).toBe('coca cola 500ml');
    expect(foldForMatching('Leite 1,5 L')).toBe('leite 1.5l');
    expect(foldForMatching('Rice 2.5kg.')).toBe('rice 2.5kg');
  });

  it('keeps letters of every script', () => {
    expect(foldForMatching('Чай 茶 شاي')).toBe('чаи 茶 شاي');
  });
});
