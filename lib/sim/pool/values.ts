/**
 * Python values as the pickler sees them: a tree of immutable nodes in which *object
 * identity matters*. CPython's pickler memoizes every str, bytes, non-empty tuple, list,
 * dict, set, function and instance it has written and writes a 2-byte BINGET the next time
 * the same object (by `id()`, not by equality) appears in the same pickle. So the model
 * keeps identity explicit: a node reused twice in the tree is one Python object; two equal
 * nodes are two objects, except where CPython itself shares them:
 *
 * - `''` and every 1-character str whose code point is < 256 are singletons
 *   (`Objects/unicodeobject.c`, `LATIN1` cache), and so are `b''` and every 1-byte bytes
 *   (`Objects/bytesobject.c`, `characters` cache); `()` is a singleton and never memoized.
 * - string literals in one module are one object per value (the compiler merges equal
 *   constants), and identifier-like ones are interned: use `pyLiteral`.
 * - every function of a module shares that module's `__name__` object as `__module__`.
 */

export interface PyNone {
  readonly kind: 'none';
}
export interface PyBool {
  readonly kind: 'bool';
  readonly value: boolean;
}
export interface PyInt {
  readonly kind: 'int';
  readonly value: bigint;
}
export interface PyFloat {
  readonly kind: 'float';
  readonly value: number;
}
export interface PyStr {
  readonly kind: 'str';
  readonly value: string;
  /**
   * Nodes with the same `shared` key are one Python object (e.g. `lit:name` for a
   * literal). Without it, each node is its own object (built at run time).
   */
  readonly shared?: string;
}
export interface PyBytes {
  readonly kind: 'bytes';
  readonly data: Uint8Array;
  readonly shared?: string;
}
export interface PyByteArray {
  readonly kind: 'bytearray';
  readonly data: Uint8Array;
}
export interface PyList {
  readonly kind: 'list';
  readonly items: readonly PyValue[];
}
export interface PyTuple {
  readonly kind: 'tuple';
  readonly items: readonly PyValue[];
  /** Tuples of constants written in the source are one object per value (`const:<key>`). */
  readonly shared?: string;
}
export interface PyDict {
  readonly kind: 'dict';
  /** Insertion order; keys must be distinct under Python equality (1 == 1.0 == True). */
  readonly entries: readonly (readonly [PyValue, PyValue])[];
}
export interface PySet {
  readonly kind: 'set' | 'frozenset';
  readonly items: readonly PyValue[];
}

/** What looking the object's qualified name up in its module finds. */
export type GlobalLookup = 'same' | 'missing' | 'other';

/**
 * A function, class or builtin, which pickle writes *by reference*: module name and
 * qualified name, never code. `lookup` is what `getattr(module, qualname)` finds when the
 * pickler checks the reference: the object itself (`same`), nothing (`missing`, e.g. a
 * lambda, whose qualname is `<lambda>`), or another object (`other`, e.g. a name rebound).
 */
export interface PyGlobal {
  readonly kind: 'global';
  readonly module: string;
  readonly qualname: string;
  readonly lookup: GlobalLookup;
  /**
   * Identity of the `__module__` string save_global writes: functions and classes of one
   * Python module share its `__name__` (`module:<name>`), builtin functions share their C
   * module's name object, and static (C) types return an interned name (`lit:<name>`).
   */
  readonly moduleKey?: string;
  /** How CPython reprs the object in error messages, e.g. `<function <lambda> at 0x...>`. */
  readonly repr: string;
  /**
   * Defined under `if __name__ == "__main__":`. The parent (and a forked child) has it, but a
   * spawned child re-imports the main module as `__mp_main__` without running that block,
   * so unpickling the reference fails there.
   */
  readonly mainGuarded?: boolean;
}

/**
 * An instance of a plain class (no `__slots__`, no custom reduce): pickled through
 * `object.__reduce_ex__(4)` as `copyreg.__newobj__(cls)` plus its `__dict__` as state.
 */
export interface PyInstance {
  readonly kind: 'instance';
  readonly cls: PyGlobal;
  /** The instance `__dict__`; null when empty (no BUILD is written then). */
  readonly state: PyDict | null;
}

/** An object whose `__reduce__` returns `(callable, args[, state])`, e.g. functools.partial. */
export interface PyReduce {
  readonly kind: 'reduce';
  readonly callable: PyGlobal;
  readonly args: PyTuple;
  readonly state?: PyValue;
}

/** The Python exception a failed operation raises: class name and message. */
export interface PyException {
  /** The name CPython prints, e.g. `PicklingError`, `TypeError`. */
  readonly type: string;
  /** Where the class lives, for display (`_pickle.PicklingError`). */
  readonly qualifiedType: string;
  readonly message: string;
}

/** An object pickle refuses: a lock, an open file, a generator… with the error it raises. */
export interface PyOpaque {
  readonly kind: 'opaque';
  /** `type(obj)` as CPython names it, e.g. `_thread.lock`. */
  readonly typeName: string;
  readonly error: PyException;
}

export type PyValue =
  | PyNone
  | PyBool
  | PyInt
  | PyFloat
  | PyStr
  | PyBytes
  | PyByteArray
  | PyList
  | PyTuple
  | PyDict
  | PySet
  | PyGlobal
  | PyInstance
  | PyReduce
  | PyOpaque;

// ------------------------------------------------------------------------ builders

/** None, True/False, ints and floats: never memoized by pickle, so identity does not matter. */
export const PY_NONE: PyNone = { kind: 'none' };
/** `True` / `False` (NEWTRUE / NEWFALSE, 1 byte each at protocol ≥ 2). */
export const pyBool = (value: boolean): PyBool => ({ kind: 'bool', value });
/** A Python int of any size. */
export const pyInt = (value: bigint | number): PyInt => ({ kind: 'int', value: BigInt(value) });
/** A Python float (an IEEE-754 double, BINFLOAT: 9 bytes). */
export const pyFloat = (value: number): PyFloat => ({ kind: 'float', value });
/** A str built at run time (a fresh object, unless CPython's singleton cache applies). */
export const pyStr = (value: string): PyStr => ({ kind: 'str', value });
/** A string literal of the program: one object per value across the module. */
export const pyLiteral = (value: string): PyStr => ({ kind: 'str', value, shared: `lit:${value}` });
/** A bytes object built at run time (a fresh object; the 0- and 1-byte ones are cached singletons). */
export const pyBytes = (data: Uint8Array): PyBytes => ({ kind: 'bytes', data });
/**
 * One zero buffer that every `bytes(n)` node views (its contents are never written): n
 * items of k zero bytes take O(k) memory, not O(n × k). It only ever grows.
 */
let zeros = new Uint8Array(1024);

/** `bytes(n)`: n zero bytes, a fresh object (the 0- and 1-byte ones are cached singletons). */
export function pyZeroBytes(n: number): PyBytes {
  if (zeros.length < n) zeros = new Uint8Array(Math.max(n, zeros.length * 2));
  return { kind: 'bytes', data: zeros.subarray(0, n) };
}
/** A new list (each display or call builds a fresh one). */
export const pyList = (items: readonly PyValue[]): PyList => ({ kind: 'list', items });
/** A tuple built at run time (a fresh object; `()` is a singleton pickle never memoizes). */
export const pyTuple = (items: readonly PyValue[]): PyTuple => ({ kind: 'tuple', items });
/** A new dict, in insertion order (the order pickle writes its items). */
export const pyDict = (entries: readonly (readonly [PyValue, PyValue])[]): PyDict => ({ kind: 'dict', entries });

/** A module-level `def name(...)` (or class) of `module`, found under its own name. */
export function pyFunction(module: string, qualname: string, lookup: GlobalLookup = 'same', mainGuarded = false): PyGlobal {
  return { kind: 'global', module, qualname, lookup, repr: `<function ${qualname} at 0x...>`, ...(mainGuarded ? { mainGuarded } : {}) };
}

/** A class defined at module level (`staticType`: a C type such as `functools.partial`). */
export function pyClass(module: string, qualname: string, staticType = false): PyGlobal {
  return {
    kind: 'global',
    module,
    qualname,
    lookup: 'same',
    repr: `<class '${module}.${qualname}'>`,
    ...(staticType ? { moduleKey: `lit:${module}` } : {}),
  };
}

/** A lambda expression at module level (`f = lambda x: …` too): its qualname is `<lambda>`. */
export function pyLambda(module = '__main__', enclosing?: string): PyGlobal {
  const qualname = enclosing ? `${enclosing}.<locals>.<lambda>` : '<lambda>';
  return { kind: 'global', module, qualname, lookup: 'missing', repr: `<function ${qualname} at 0x...>` };
}

/** A function defined inside another function (`outer.<locals>.inner`). */
export function pyLocalFunction(module: string, outer: string, name: string): PyGlobal {
  const qualname = `${outer}.<locals>.${name}`;
  return { kind: 'global', module, qualname, lookup: 'missing', repr: `<function ${qualname} at 0x...>` };
}

/** An instance of a plain class with the given attributes, set in this order in `__init__`. */
export function pyInstance(cls: PyGlobal, attrs: readonly (readonly [string, PyValue])[]): PyInstance {
  return {
    kind: 'instance',
    cls,
    // Attribute names are interned by setattr, so they are shared like identifier literals.
    state: attrs.length === 0 ? null : pyDict(attrs.map(([k, v]) => [pyLiteral(k), v] as const)),
  };
}

/**
 * `functools.partial(func, *args, **kwargs)`. CPython's C partial reduces to
 * `(partial, (func,), (func, args, kwargs, None))`, where kwargs is always a dict (an
 * empty one when none were given) — Modules/_functoolsmodule.c `partial_reduce`.
 */
export function pyPartial(func: PyValue, args: readonly PyValue[], kwargs: readonly (readonly [string, PyValue])[] = []): PyReduce {
  return {
    kind: 'reduce',
    callable: pyClass('functools', 'partial', true),
    args: pyTuple([func]),
    state: pyTuple([func, pyTuple(args), pyDict(kwargs.map(([k, v]) => [pyLiteral(k), v] as const)), PY_NONE]),
  };
}

/**
 * `instance.name` (a bound method): `method.__reduce__` gives `(getattr, (instance, name))`,
 * so it pickles whenever the instance does (Objects/classobject.c `method___reduce__`).
 */
export function pyBoundMethod(instance: PyValue, name: string): PyReduce {
  return {
    kind: 'reduce',
    callable: { kind: 'global', module: 'builtins', qualname: 'getattr', lookup: 'same', repr: '<built-in function getattr>' },
    args: pyTuple([instance, pyLiteral(name)]),
  };
}

const exc = (type: string, qualifiedType: string, message: string): PyException => ({ type, qualifiedType, message });

/** `threading.Lock()`: `TypeError: cannot pickle '_thread.lock' object`. */
export const pyThreadLock = (): PyOpaque => opaqueTypeError('_thread.lock');
/** `threading.RLock()`. */
export const pyThreadRLock = (): PyOpaque => opaqueTypeError('_thread.RLock');
/** `open(path)` in text mode. */
export const pyTextFile = (): PyOpaque => opaqueTypeError('_io.TextIOWrapper');
/** A generator object (`(x for x in …)` or a call to a generator function). */
export const pyGenerator = (): PyOpaque => opaqueTypeError('generator');

/** Any object whose type has no pickling support: `TypeError: cannot pickle 'T' object`. */
export function opaqueTypeError(typeName: string): PyOpaque {
  return { kind: 'opaque', typeName, error: exc('TypeError', 'TypeError', `cannot pickle '${typeName}' object`) };
}

/**
 * `multiprocessing.Lock()`: SemLock.__getstate__ calls `context.assert_spawning`, which
 * raises RuntimeError unless the lock is being passed to a child at start-up.
 */
export function pyProcessLock(kind: 'Lock' | 'RLock' | 'Semaphore' = 'Lock'): PyOpaque {
  return {
    kind: 'opaque',
    typeName: `multiprocessing.synchronize.${kind}`,
    error: exc('RuntimeError', 'RuntimeError', `${kind} objects should only be shared between processes through inheritance`),
  };
}

/** A Python exception value (class name, where the class lives, message). */
export { exc as pyException };

// ------------------------------------------------------------------------ helpers

/** UTF-8 byte length of a JS string, lone surrogates counted as 3 (CPython's surrogatepass). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

/** UTF-8 bytes of a JS string; lone surrogates are encoded as themselves (surrogatepass). */
export function utf8Encode(s: string): Uint8Array {
  const out = new Uint8Array(utf8Length(s));
  let o = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out[o++] = c;
    else if (c < 0x800) {
      out[o++] = 0xc0 | (c >> 6);
      out[o++] = 0x80 | (c & 0x3f);
    } else if (c < 0x10000) {
      out[o++] = 0xe0 | (c >> 12);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    } else {
      out[o++] = 0xf0 | (c >> 18);
      out[o++] = 0x80 | ((c >> 12) & 0x3f);
      out[o++] = 0x80 | ((c >> 6) & 0x3f);
      out[o++] = 0x80 | (c & 0x3f);
    }
  }
  return out;
}

/** Number of code points (Python's `len(s)`). */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
