/**
 * Tokens of ConnectWise's `conditions` / `childConditions` grammar, e.g.
 * `company/id = 250 and (name like "Acme*" or _info/lastUpdated >= [2024-01-01T00:00:00Z])`.
 */
export type Token =
  | { kind: 'path'; segments: string[]; at: number }
  | { kind: 'keyword'; word: Keyword; at: number }
  | { kind: 'operator'; op: ComparisonOperator; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'datetime'; value: number; text: string; at: number }
  | { kind: 'lparen' | 'rparen' | 'comma' | 'end'; at: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';
export type Keyword = 'and' | 'or' | 'not' | 'like' | 'contains' | 'in' | 'true' | 'false' | 'null';

const keywords = new Set<Keyword>(['and', 'or', 'not', 'like', 'contains', 'in', 'true', 'false', 'null']);

/** A problem with the text of a condition; the simulator answers it with ConnectWise's 400 body. */
export class ConditionSyntaxError extends Error {
  constructor(message: string, readonly at: number) {
    super(message);
    this.name = 'ConditionSyntaxError';
  }
}

const isIdentifierStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdentifierPart = (c: string) => /[A-Za-z0-9_]/.test(c);

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ',') {
      tokens.push({ kind: c === '(' ? 'lparen' : c === ')' ? 'rparen' : 'comma', at: i });
      i++;
    } else if (c === '"' || c === "'") {
      const [value, next] = readString(text, i);
      tokens.push({ kind: 'string', value, at: i });
      i = next;
    } else if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) throw new ConditionSyntaxError(`Unterminated date literal starting at position ${i}.`, i);
      const inner = text.slice(i + 1, close).trim();
      const value = parseDateTime(inner);
      if (value === undefined) throw new ConditionSyntaxError(`'${inner}' is not a valid date/time.`, i);
      tokens.push({ kind: 'datetime', value, text: inner, at: i });
      i = close + 1;
    } else if (/[0-9]/.test(c) || (c === '-' && /[0-9]/.test(text[i + 1] ?? ''))) {
      const match = /^-?\d+(\.\d+)?/.exec(text.slice(i))!;
      tokens.push({ kind: 'number', value: Number(match[0]), at: i });
      i += match[0].length;
    } else if ('=!<>'.includes(c)) {
      const two = text.slice(i, i + 2);
      const op = (['<=', '>=', '!=', '<>'] as const).find((o) => o === two);
      if (op) {
        tokens.push({ kind: 'operator', op: op === '<>' ? '!=' : op, at: i });
        i += 2;
      } else if (c === '!') {
        throw new ConditionSyntaxError(`Unexpected '!' at position ${i}.`, i);
      } else {
        tokens.push({ kind: 'operator', op: c as ComparisonOperator, at: i });
        i++;
      }
    } else if (isIdentifierStart(c)) {
      const start = i;
      const segments: string[] = [];
      for (;;) {
        const from = i;
        while (i < text.length && isIdentifierPart(text[i]!)) i++;
        segments.push(text.slice(from, i));
        if (text[i] === '/' && isIdentifierStart(text[i + 1] ?? '')) i++;
        else break;
      }
      const word = segments[0]!.toLowerCase() as Keyword;
      if (segments.length === 1 && keywords.has(word)) tokens.push({ kind: 'keyword', word, at: start });
      else tokens.push({ kind: 'path', segments, at: start });
    } else {
      throw new ConditionSyntaxError(`Unexpected character '${c}' at position ${i}.`, i);
    }
  }
  tokens.push({ kind: 'end', at: text.length });
  return tokens;
}

/** A quoted string; a backslash escapes the next character (\" \\ \'), as ConnectWise documents. */
function readString(text: string, start: number): [string, number] {
  const quote = text[start]!;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      value += text[i + 1];
      i += 2;
    } else if (c === quote) {
      return [value, i + 1];
    } else {
      value += c;
      i++;
    }
  }
  throw new ConditionSyntaxError(`Unterminated string starting at position ${start}.`, start);
}

/** `[2024-01-31T08:00:00Z]`, also without a zone (taken as UTC, as the API's dates are) or as a bare date. */
function parseDateTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(text)) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  const withTime = text.length === 10 ? `${text}T00:00:00` : text.replace(' ', 'T');
  const value = Date.parse(hasZone ? withTime : `${withTime}Z`);
  return Number.isNaN(value) ? undefined : value;
}
