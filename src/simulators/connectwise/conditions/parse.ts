import { ConditionSyntaxError, tokenize, type ComparisonOperator, type Token } from './tokenize.js';

/** A literal on the right-hand side of a comparison. */
export type Literal =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number };

export type Condition =
  | { type: 'and' | 'or'; operands: Condition[] }
  | { type: 'not'; operand: Condition }
  | { type: 'compare'; path: string[]; op: ComparisonOperator; value: Literal }
  | { type: 'like'; path: string[]; pattern: string; negated: boolean }
  | { type: 'contains'; path: string[]; value: string; negated: boolean }
  | { type: 'in'; path: string[]; values: Literal[]; negated: boolean };

/**
 * Recursive descent over the grammar
 *   expr       := and ('or' and)*
 *   and        := unary ('and' unary)*
 *   unary      := 'not' unary | '(' expr ')' | comparison
 *   comparison := path (op literal | ['not'] 'like' string | ['not'] 'contains' string | ['not'] 'in' '(' literal (',' literal)* ')')
 * Keywords are case-insensitive; `and` binds tighter than `or`.
 */
export function parseConditions(text: string): Condition {
  const parser = new Parser(tokenize(text));
  const condition = parser.expression();
  parser.expectEnd();
  return condition;
}

/** Deeper nesting than any real query needs is refused rather than risking the stack. */
const MAX_DEPTH = 64;

class Parser {
  #position = 0;
  #depth = 0;
  constructor(private readonly tokens: Token[]) {}

  expression(): Condition {
    const operands = [this.#and()];
    while (this.#isKeyword('or')) {
      this.#position++;
      operands.push(this.#and());
    }
    return operands.length === 1 ? operands[0]! : { type: 'or', operands };
  }

  expectEnd() {
    const token = this.#peek();
    if (token.kind !== 'end') throw this.#unexpected(token, 'and, or or the end of the conditions');
  }

  #and(): Condition {
    const operands = [this.#unary()];
    while (this.#isKeyword('and')) {
      this.#position++;
      operands.push(this.#unary());
    }
    return operands.length === 1 ? operands[0]! : { type: 'and', operands };
  }

  #unary(): Condition {
    const token = this.#peek();
    if (token.kind === 'keyword' && token.word === 'not') {
      this.#position++;
      return { type: 'not', operand: this.#nested(() => this.#unary(), token) };
    }
    if (token.kind === 'lparen') {
      this.#position++;
      const inner = this.#nested(() => this.expression(), token);
      this.#expect('rparen', "')'");
      return inner;
    }
    return this.#comparison();
  }

  #nested<T>(parse: () => T, token: Token): T {
    if (++this.#depth > MAX_DEPTH) throw new ConditionSyntaxError(`The conditions are nested too deeply (more than ${MAX_DEPTH} levels) at position ${token.at}.`, token.at);
    try {
      return parse();
    } finally {
      this.#depth--;
    }
  }

  #comparison(): Condition {
    const field = this.#next();
    if (field.kind !== 'path') throw this.#unexpected(field, 'a field name');
    const path = field.segments;
    let negated = false;
    if (this.#isKeyword('not')) {
      this.#position++;
      negated = true;
    }
    const token = this.#next();
    if (token.kind === 'operator' && !negated) return { type: 'compare', path, op: token.op, value: this.#literal() };
    if (token.kind === 'keyword' && (token.word === 'like' || token.word === 'contains')) {
      const value = this.#next();
      if (value.kind !== 'string') throw this.#unexpected(value, `a quoted string after ${token.word}`);
      return token.word === 'like'
        ? { type: 'like', path, pattern: value.value, negated }
        : { type: 'contains', path, value: value.value, negated };
    }
    if (token.kind === 'keyword' && token.word === 'in') {
      this.#expect('lparen', "'(' after in");
      const values = [this.#literal()];
      while (this.#peek().kind === 'comma') {
        this.#position++;
        values.push(this.#literal());
      }
      this.#expect('rparen', "')' closing the in list");
      return { type: 'in', path, values, negated };
    }
    throw this.#unexpected(token, negated ? 'like, contains or in after not' : 'an operator (=, !=, <, <=, >, >=, like, contains, in)');
  }

  #literal(): Literal {
    const token = this.#next();
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value };
      case 'number':
        return { kind: 'number', value: token.value };
      case 'datetime':
        return { kind: 'datetime', value: token.value };
      case 'keyword':
        if (token.word === 'true' || token.word === 'false') return { kind: 'boolean', value: token.word === 'true' };
        if (token.word === 'null') return { kind: 'null' };
        break;
      default:
        break;
    }
    throw this.#unexpected(token, 'a value (a quoted string, a number, true, false, null or a [date])');
  }

  #peek(): Token {
    return this.tokens[this.#position]!;
  }

  #next(): Token {
    const token = this.#peek();
    if (token.kind !== 'end') this.#position++;
    return token;
  }

  #isKeyword(word: string): boolean {
    const token = this.#peek();
    return token.kind === 'keyword' && token.word === word;
  }

  #expect(kind: Token['kind'], what: string) {
    const token = this.#next();
    if (token.kind !== kind) throw this.#unexpected(token, what);
  }

  #unexpected(token: Token, expected: string): ConditionSyntaxError {
    const found = token.kind === 'end' ? 'the end of the conditions' : `${describe(token)} at position ${token.at}`;
    return new ConditionSyntaxError(`Expected ${expected} but found ${found}.`, token.at);
  }
}

function describe(token: Token): string {
  switch (token.kind) {
    case 'path':
      return `'${token.segments.join('/')}'`;
    case 'keyword':
      return `'${token.word}'`;
    case 'operator':
      return `'${token.op}'`;
    case 'string':
      return `"${token.value}"`;
    case 'number':
      return String(token.value);
    case 'datetime':
      return `[${token.text}]`;
    default:
      return { lparen: "'('", rparen: "')'", comma: "','", end: 'the end' }[token.kind];
  }
}
