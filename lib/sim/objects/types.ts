/**
 * The objects simulator's vocabulary: a tiny subset of Python (classes with class
 * attributes, `__init__`, `__eq__`, `__del__`, single inheritance; module-level
 * statements over names, attributes and lists) as an AST, and the heap it runs on.
 */

// ------------------------------------------------------------------ the program (AST)

/** An expression. Rendered to Python by `exprCode`. */
export type Expr =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'attr'; readonly target: Expr; readonly attr: string }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'none' }
  /** `Cls(args…)`: creates an instance and runs `__init__`. */
  | { readonly kind: 'new'; readonly cls: string; readonly args: readonly Expr[] }
  | { readonly kind: 'list'; readonly items: readonly Expr[] }
  /** `target[index]` on a list. */
  | { readonly kind: 'index'; readonly target: Expr; readonly index: number }
  /** `left is right` (or `is not`). */
  | { readonly kind: 'is'; readonly left: Expr; readonly right: Expr; readonly negate?: boolean }
  /** `left == right`. */
  | { readonly kind: 'eq'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'isinstance'; readonly target: Expr; readonly cls: string }
  /** `type(target) is cls`. */
  | { readonly kind: 'type-is'; readonly target: Expr; readonly cls: string }
  /** `type(target)`: evaluates to the class object. */
  | { readonly kind: 'type'; readonly target: Expr }
  /** `type(target).__name__`. */
  | { readonly kind: 'type-name'; readonly target: Expr }
  | { readonly kind: 'len'; readonly target: Expr }
  /** `'attr' in target.__dict__`: whether the object has its own attribute. */
  | { readonly kind: 'has-own'; readonly target: Expr; readonly attr: string };

/** Where an assignment stores: a name, or an attribute of an object. */
export type Target =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'attr'; readonly target: Expr; readonly attr: string };

export type Stmt =
  | { readonly kind: 'assign'; readonly target: Target; readonly value: Expr }
  /** `target += delta` (ints) or `target += [items]` (lists: in place, then re-stored). */
  | { readonly kind: 'aug'; readonly target: Target; readonly delta: number }
  | { readonly kind: 'append'; readonly list: Expr; readonly value: Expr }
  | { readonly kind: 'clear'; readonly list: Expr }
  | { readonly kind: 'del-name'; readonly name: string }
  | { readonly kind: 'del-attr'; readonly target: Expr; readonly attr: string }
  | { readonly kind: 'print'; readonly expr: Expr };

/** `def __eq__(self, other): return isinstance(other, Cls) and self.attr == other.attr`. */
export interface EqSpec {
  readonly attr: string;
}

export interface ClassSpec {
  readonly name: string;
  readonly base: string | null;
  /** Class-level assignments, in order (ints, strings or list literals of them). */
  readonly attrs: readonly { readonly name: string; readonly value: Expr }[];
  /** `def __init__(self, params…)`; the body may use `self`, the params and class names. */
  readonly init?: { readonly params: readonly string[]; readonly body: readonly Stmt[] };
  readonly eq?: EqSpec;
  /** `def __del__(self)` body (CPython calls it when the last reference goes away). */
  readonly del?: readonly Stmt[];
}

export interface ObjectProgram {
  readonly classes: readonly ClassSpec[];
  readonly body: readonly Stmt[];
}

// ------------------------------------------------------------------ runtime values

export type Value =
  | { readonly t: 'int'; readonly v: number }
  | { readonly t: 'str'; readonly v: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'none' }
  /** A reference to a heap object (instance, list or class). */
  | { readonly t: 'ref'; readonly id: number };

export interface InstanceObject {
  readonly kind: 'instance';
  readonly id: number;
  /** Heap id of its class. */
  readonly cls: number;
  /** 1-based creation serial: shown as `Node#1`. */
  readonly serial: number;
  /** The instance `__dict__`, in insertion order. */
  readonly dict: Readonly<Record<string, Value>>;
}

export interface ListObject {
  readonly kind: 'list';
  readonly id: number;
  /** 1-based creation serial among lists: shown as `L1`. */
  readonly serial: number;
  readonly items: readonly Value[];
}

export interface ClassObject {
  readonly kind: 'class';
  readonly id: number;
  readonly name: string;
  readonly base: number | null;
  readonly dict: Readonly<Record<string, Value>>;
}

export type HeapObject = InstanceObject | ListObject | ClassObject;

/**
 * Wrong mental models a learner may hold. Running the simulator under one of them gives
 * the answer that learner would give: the distractors of the questions.
 */
export type Misbelief =
  /** `b = a` copies the object. */
  | 'alias-copies'
  /** `del a` destroys the object even while other references remain. */
  | 'del-destroys'
  /** Objects live until the program ends (nothing is freed on the way). */
  | 'never-freed'
  /** Each instance gets its own copy of a class-level list. */
  | 'list-copied'
  /** Writing `x.attr` (`=` or `+=`) through an instance changes the class attribute. */
  | 'instance-write-to-class'
  /** A class attribute wins over the instance's own attribute of the same name. */
  | 'class-wins'
  /** `is` compares values, like `==`. */
  | 'is-means-eq'
  /** Without `__eq__`, `==` compares the attributes' values. */
  | 'eq-compares-fields'
  /** `isinstance(x, C)` is only true when `type(x) is C`. */
  | 'isinstance-exact'
  /** `type(x) is C` is true for instances of subclasses too. */
  | 'type-includes-subclasses';

export const MISBELIEFS: readonly Misbelief[] = [
  'alias-copies',
  'del-destroys',
  'never-freed',
  'list-copied',
  'instance-write-to-class',
  'class-wins',
  'is-means-eq',
  'eq-compares-fields',
  'isinstance-exact',
  'type-includes-subclasses',
];

// ------------------------------------------------------------------ state and trace

export interface ObjState {
  /** Heap objects by id; `null` once freed. */
  readonly heap: readonly (HeapObject | null)[];
  /** Module globals in binding order. */
  readonly globals: Readonly<Record<string, Value>>;
  readonly instanceSerial: number;
  readonly listSerial: number;
  /** Objects a misbelief destroyed while still referenced (`del-destroys` only). */
  readonly destroyed: readonly number[];
  /** Lines printed so far. */
  readonly output: readonly string[];
}

export interface StepTrace {
  /** Index of the module statement. */
  readonly index: number;
  /** Instances created by this statement (heap ids). */
  readonly created: readonly number[];
  /** Instances freed by this statement, in the order CPython frees them. */
  readonly freed: readonly number[];
  /** Labels (`Node#2`) of the created and freed instances, as they were when it happened. */
  readonly createdLabels: readonly string[];
  readonly freedLabels: readonly string[];
  /** What the statement printed, if anything. */
  readonly printed?: string;
}

/** A Python error the program would raise: scenarios never contain one. */
export class ObjectsError extends Error {
  constructor(
    readonly pyType: 'NameError' | 'AttributeError' | 'TypeError' | 'IndexError',
    message: string,
  ) {
    super(`${pyType}: ${message}`);
    this.name = 'ObjectsError';
  }
}
