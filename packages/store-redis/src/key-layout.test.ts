import { describe, expect, it } from 'vitest';
import { KeyLayout, segment } from './key-layout.js';

describe('KeyLayout', () => {
  it('escapes separators and hash-tag braces, so different parts never make the same key', () => {
    expect(segment('whatsapp:+1555{x}%')).toBe('whatsapp%3A+1555%7Bx%7D%25');
    const keys = new KeyLayout();
    expect(keys.session('a:b', 'c')).not.toBe(keys.session('a', 'b:c'));
  });

  it('puts a conversation’s session and lock keys under one hash tag', () => {
    const keys = new KeyLayout('app:');
    expect(keys.session('org_1', '+1555')).toBe('app:session:{org_1:+1555}');
    expect(Object.values(keys.lock('org_1', '+1555')).every((key) => key.includes('{org_1:+1555}'))).toBe(
      true,
    );
  });

  it('puts every token bucket under the one {rl} hash tag, so a decision’s buckets share a slot', () => {
    const keys = new KeyLayout();
    expect(keys.bucket('user', '+1555')).toBe('chatcart:{rl}:user:+1555');
    expect(keys.bucket('global', 'global')).toBe('chatcart:{rl}:global:global');
  });
});
