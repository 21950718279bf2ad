import { describe, expect, it } from 'vitest';
import { MAX_ITEM_QUANTITY } from '../domain/order-item.js';
import { createProductListParser, parseProductList } from './product-list-parser.js';

/** [quantity, unit, query] of each item. */
function read(text: string, knownPhrases: readonly string[] = []) {
  return parseProductList(text, { knownPhrases }).items.map((item) => [item.quantity, item.unit, item.query]);
}

function rejections(text: string) {
  return parseProductList(text).rejected.map((fragment) => [fragment.raw, fragment.reason]);
}

describe('parseProductList', () => {
  describe('quantities', () => {
    it.each([
      ['2x Coca Cola 500ml', [[2, null, 'Coca Cola 500ml']]],
      ['2 x Coca Cola 500ml', [[2, null, 'Coca Cola 500ml']]],
      ['Coca Cola x2', [[2, null, 'Coca Cola']]],
      ['Coca Cola 500ml x2', [[2, null, 'Coca Cola 500ml']]],
      ['Coca Cola ×2', [[2, null, 'Coca Cola']]],
      ['3 bread', [[3, null, 'bread']]],
      ['bread 3', [[3, null, 'bread']]],
      ['bread 3x', [[3, null, 'bread']]],
      ['7up x 3', [[3, null, '7up']]],
      ['7up', [[1, null, '7up']]],
      ['two apples', [[2, null, 'apples']]],
      ['Twenty eggs', [[20, null, 'eggs']]],
      ['an apple', [[1, null, 'apple']]],
      ['a dozen eggs', [[1, 'dozen', 'eggs']]],
      ['dozen eggs', [[1, 'dozen', 'eggs']]],
      ['2 dozen eggs', [[2, 'dozen', 'eggs']]],
      ['eggs 2 dozen', [[2, 'dozen', 'eggs']]],
      ['coke 6 pcs', [[6, 'pcs', 'coke']]],
      ['2 packs of biscuits', [[2, 'pack', 'biscuits']]],
    ])('reads %j', (text, expected) => {
      expect(read(text)).toEqual(expected);
    });

    it('keeps a number that belongs to the product name in the name', () => {
      expect(read('Coca Cola 500ml')).toEqual([[1, null, 'Coca Cola 500ml']]);
      expect(read('Rice 5 kg')).toEqual([[1, null, 'Rice 5 kg']]);
    });

    it('reads "a" as one only when a product follows', () => {
      expect(read('a')).toEqual([[1, null, 'a']]);
    });
  });

  describe('measures', () => {
    it.each([
      ['1 kg rice', [[1, 'kg', 'rice']]],
      ['1kg rice', [[1, 'kg', 'rice']]],
      ['500g sugar', [[500, 'g', 'sugar']]],
      ['500 grams of sugar', [[500, 'g', 'sugar']]],
      ['1.5 kg flour', [[1.5, 'kg', 'flour']]],
      ['2,5 kg de arroz', [[2.5, 'kg', 'arroz']]],
      ['2,5kg arroz', [[2.5, 'kg', 'arroz']]],
      ['1,500 g sugar', [[1500, 'g', 'sugar']]],
      ['2 litres of milk', [[2, 'l', 'milk']]],
      ['330 ml juice', [[330, 'ml', 'juice']]],
    ])('reads %j', (text, expected) => {
      expect(read(text)).toEqual(expected);
    });

    it('does not split a list at the comma of a decimal measure', () => {
      expect(read('2,5 kg arroz, 1,5 kg feijão')).toEqual([
        [2.5, 'kg', 'arroz'],
        [1.5, 'kg', 'feijão'],
      ]);
    });
  });

  describe('lists', () => {
    it('reads one item per line', () => {
      expect(read('2 bread\n1 kg rice\r\nCoca Cola x2')).toEqual([
        [2, null, 'bread'],
        [1, 'kg', 'rice'],
        [2, null, 'Coca Cola'],
      ]);
    });

    it('splits a line at commas, semicolons, "and", "&" and "+"', () => {
      expect(read('2 bread, 3 eggs; milk and two apples & rice + salt')).toEqual([
        [2, null, 'bread'],
        [3, null, 'eggs'],
        [1, null, 'milk'],
        [2, null, 'apples'],
        [1, null, 'rice'],
        [1, null, 'salt'],
      ]);
    });

    it('mixes separators across lines and sentences', () => {
      expect(read('Hello. 2 coke, 3 bread\n- sugar and salt\n• 1 kg rice!')).toEqual([
        [1, null, 'Hello'],
        [2, null, 'coke'],
        [3, null, 'bread'],
        [1, null, 'sugar'],
        [1, null, 'salt'],
        [1, 'kg', 'rice'],
      ]);
    });

    it('keeps a known catalog phrase whole', () => {
      expect(read('mac and cheese and 2 bread', ['Mac and Cheese'])).toEqual([
        [1, null, 'mac and cheese'],
        [2, null, 'bread'],
      ]);
      expect(read('2 Mac & Cheese, salt', ['mac and cheese'])).toEqual([
        [2, null, 'Mac & Cheese'],
        [1, null, 'salt'],
      ]);
    });

    it('splits "and" inside a name the caller did not list', () => {
      expect(read('mac and cheese')).toEqual([
        [1, null, 'mac'],
        [1, null, 'cheese'],
      ]);
    });

    it('takes no quantity from a known phrase that starts or ends with a number', () => {
      expect(read('7 up\niPhone 15', ['7 Up', 'iPhone 15'])).toEqual([
        [1, null, '7 up'],
        [1, null, 'iPhone 15'],
      ]);
      expect(read('2 7 up\niphone 15 x2', ['7 Up', 'iPhone 15'])).toEqual([
        [2, null, '7 up'],
        [2, null, 'iphone 15'],
      ]);
    });

    it('removes list numbering when several lines carry it', () => {
      expect(read('1. 2 coke\n2. bread\n3) rice')).toEqual([
        [2, null, 'coke'],
        [1, null, 'bread'],
        [1, null, 'rice'],
      ]);
    });

    it('drops polite filler around the items', () => {
      expect(read('Hi, I want 2 cokes please')).toEqual([
        [1, null, 'Hi'],
        [2, null, 'cokes'],
      ]);
      expect(read('can I get a dozen eggs, thanks')).toEqual([[1, 'dozen', 'eggs']]);
      expect(read('please')).toEqual([]);
    });
  });

  describe('formatting, emoji and accents', () => {
    it('strips WhatsApp formatting', () => {
      expect(read('*2x* _Coca Cola_ ~500ml~\n```3 bread```\n`milk`')).toEqual([
        [2, null, 'Coca Cola 500ml'],
        [3, null, 'bread'],
        [1, null, 'milk'],
      ]);
    });

    it('keeps underscores and asterisks inside words', () => {
      expect(read('RICE_5 x2')).toEqual([[2, null, 'RICE_5']]);
    });

    it('strips emoji, skin tones, flags and keycaps', () => {
      expect(read('🍞 2 bread 👍🏽\n3️⃣ apples 🇧🇷\n👨‍👩‍👧 milk')).toEqual([
        [2, null, 'bread'],
        [3, null, 'apples'],
        [1, null, 'milk'],
      ]);
    });

    it('keeps accents and original case for display', () => {
      expect(read('2 Café Crème, 1 kg Açúcar, jalapeño x3')).toEqual([
        [2, null, 'Café Crème'],
        [1, 'kg', 'Açúcar'],
        [3, null, 'jalapeño'],
      ]);
    });

    it('reads Portuguese and Spanish product words', () => {
      expect(read('2 pão de queijo\n3 cervejas\nazúcar 2\n1 kg de frijoles')).toEqual([
        [2, null, 'pão de queijo'],
        [3, null, 'cervejas'],
        [2, null, 'azúcar'],
        [1, 'kg', 'frijoles'],
      ]);
    });

    it('reads full-width digits and decomposed accents', () => {
      expect(read('２ cafe\u0301')).toEqual([[2, null, 'café']]);
    });

    it('ignores stray punctuation', () => {
      expect(read('... 2 bread!!, (3 eggs), --- ,, ;')).toEqual([
        [2, null, 'bread'],
        [3, null, 'eggs'],
      ]);
    });

    it('reads nothing from an empty or blank message', () => {
      expect(parseProductList('')).toEqual({ items: [], rejected: [], overflow: 0, truncated: false });
      expect(read(' \n\t 🙂 ')).toEqual([]);
    });

    it('reads garbage as product words for the matcher to refuse', () => {
      expect(read('asdf qwer')).toEqual([[1, null, 'asdf qwer']]);
    });
  });

  describe('rejections', () => {
    it('rejects a zero quantity', () => {
      expect(rejections('0 bread, coke x0')).toEqual([
        ['0 bread', 'zero_quantity'],
        ['coke x0', 'zero_quantity'],
      ]);
    });

    it('rejects a quantity above the order limit', () => {
      expect(rejections(`${MAX_ITEM_QUANTITY + 1} bread`)).toEqual([
        [`${MAX_ITEM_QUANTITY + 1} bread`, 'quantity_too_large'],
      ]);
      expect(rejections(`${'9'.repeat(400)} bread`)[0]?.[1]).toBe('quantity_too_large');
      expect(read(`${MAX_ITEM_QUANTITY} bread`)).toEqual([[MAX_ITEM_QUANTITY, null, 'bread']]);
    });

    it('rejects a quantity with no product', () => {
      expect(read('x')).toEqual([]);
      expect(rejections('3, 2x, 1 kg')).toEqual([
        ['3', 'empty'],
        ['2x', 'empty'],
        ['1 kg', 'empty'],
      ]);
    });

    it('rejects a fraction of something counted', () => {
      expect(rejections('1.5 bread, 2.5 eggs')).toEqual([
        ['1.5 bread', 'invalid_quantity'],
        ['2.5 eggs', 'invalid_quantity'],
      ]);
      expect(rejections('1.2345 kg rice')).toEqual([['1.2345 kg rice', 'invalid_quantity']]);
    });

    it('rejects two quantities for one item', () => {
      expect(rejections('2 coke x3')).toEqual([['2 coke x3', 'ambiguous_quantity']]);
    });

    it('rejects product words longer than a product name', () => {
      expect(rejections(`2 ${'a'.repeat(300)}`)[0]?.[1]).toBe('too_long');
    });
  });

  describe('limits', () => {
    it('reads at most 50 items and counts the rest', () => {
      const list = Array.from({ length: 60 }, (_, i) => `item${i}`).join('\n');
      const result = parseProductList(list);
      expect(result.items).toHaveLength(50);
      expect(result.items.at(-1)?.query).toBe('item49');
      expect(result.overflow).toBe(10);
    });

    it('reads at most 2 000 characters, cutting at a separator', () => {
      const list = Array.from({ length: 400 }, () => 'bread').join(', ');
      const result = parseProductList(list, { maxItems: 1000 });
      expect(result.truncated).toBe(true);
      expect(result.items.length).toBeLessThanOrEqual(2000 / 'bread, '.length + 1);
      expect(result.items.every((item) => item.query === 'bread')).toBe(true);
    });

    it('honours custom limits and refuses invalid ones', () => {
      const parse = createProductListParser({ maxItems: 2, maxInputLength: 100 });
      expect(parse('a1, a2, a3').items.map((item) => item.query)).toEqual(['a1', 'a2']);
      expect(() => createProductListParser({ maxItems: 0 })).toThrow(/maxItems/);
      expect(() => createProductListParser({ maxInputLength: 1.5 })).toThrow(/maxInputLength/);
    });

    it('accepts other languages’ number words and conjunctions', () => {
      const parse = createProductListParser({
        numberWords: { dos: 2, tres: 3, un: 1, una: 1 },
        conjunctions: ['y'],
        fillers: ['por favor', 'quiero'],
      });
      expect(
        parse('quiero dos panes y tres cervezas por favor').items.map((i) => [i.quantity, i.query]),
      ).toEqual([
        [2, 'panes'],
        [3, 'cervezas'],
      ]);
    });
  });

  it('keeps the written fragment as raw', () => {
    expect(parseProductList('*2x* Coca Cola 🥤').items[0]?.raw).toBe('2x Coca Cola');
  });
});
