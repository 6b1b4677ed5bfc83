/**
 * A small interpreter for the objects AST with CPython's semantics for what it covers:
 * attribute lookup through the instance `__dict__` then the class MRO, assignment through
 * an instance creating an instance attribute, augmented assignment as get-then-set,
 * `is` as identity, `==` through `__eq__` (default: identity), `isinstance` over the MRO,
 * and reference counting: an object is freed (and its `__del__` run) as soon as its last
 * reference goes away. Programs are required to be cycle-free, so refcounting alone frees
 * everything that is unreachable, exactly when it becomes unreachable.
 *
 * `step` is pure: it copies the state it is given and returns the next state.
 */
import {
  ObjectsError,
  type ClassObject,
  type ClassSpec,
  type Expr,
  type HeapObject,
  type InstanceObject,
  type ListObject,
  type Misbelief,
  type ObjState,
  type ObjectProgram,
  type Stmt,
  type StepTrace,
  type Target,
  type Value,
} from './types';

export type Beliefs = ReadonlySet<Misbelief>;
const NO_BELIEFS: Beliefs = new Set();

const INT = (v: number): Value => ({ t: 'int', v });
const BOOL = (v: boolean): Value => ({ t: 'bool', v });
const NONE: Value = { t: 'none' };

type Locals = Record<string, Value>;

/** Mutable working copy of a state, used inside one step only. */
class Machine {
  heap: (HeapObject | null)[];
  globals: Record<string, Value>;
  instanceSerial: number;
  listSerial: number;
  destroyed: number[];
  output: string[];
  created: number[] = [];
  freed: number[] = [];
  freedLabels: string[] = [];
  createdLabels: string[] = [];
  /** Some reference was overwritten or removed during this step (garbage is possible). */
  dropped = false;
  printed: string | undefined;

  /** `copy: false` only for read-only use (evaluating an expression that allocates nothing). */
  constructor(
    readonly program: ObjectProgram,
    s: ObjState,
    readonly beliefs: Beliefs,
    copy = true,
  ) {
    this.heap = copy ? s.heap.slice() : (s.heap as (HeapObject | null)[]);
    this.globals = copy ? { ...s.globals } : (s.globals as Record<string, Value>);
    this.instanceSerial = s.instanceSerial;
    this.listSerial = s.listSerial;
    this.destroyed = copy ? s.destroyed.slice() : (s.destroyed as number[]);
    this.output = copy ? s.output.slice() : (s.output as string[]);
  }

  freeze(): ObjState {
    return {
      heap: this.heap,
      globals: this.globals,
      instanceSerial: this.instanceSerial,
      listSerial: this.listSerial,
      destroyed: this.destroyed,
      output: this.output,
    };
  }

  // -------------------------------------------------------------- heap helpers

  obj(id: number): HeapObject {
    const o = this.heap[id];
    if (!o) throw new ObjectsError('NameError', `object ${id} was freed`);
    return o;
  }

  put(o: HeapObject): void {
    this.heap[o.id] = o;
  }

  noteDrop(old: Value | undefined): void {
    if (old && old.t === 'ref') this.dropped = true;
  }

  alloc<T extends HeapObject>(make: (id: number) => T): T {
    const o = make(this.heap.length);
    this.heap.push(o);
    return o;
  }

  newList(items: readonly Value[]): Value {
    const o = this.alloc((id): ListObject => ({ kind: 'list', id, serial: ++this.listSerial, items: [...items] }));
    return { t: 'ref', id: o.id };
  }

  classByName(name: string): ClassObject {
    const v = this.globals[name];
    if (!v || v.t !== 'ref') throw new ObjectsError('NameError', `name '${name}' is not defined`);
    const o = this.obj(v.id);
    if (o.kind !== 'class') throw new ObjectsError('TypeError', `${name} is not a class`);
    return o;
  }

  /** The method resolution order of a class (single inheritance: the base chain). */
  mro(clsId: number): ClassObject[] {
    const out: ClassObject[] = [];
    let c: number | null = clsId;
    while (c !== null) {
      const o = this.obj(c);
      if (o.kind !== 'class') throw new ObjectsError('TypeError', 'base is not a class');
      out.push(o);
      c = o.base;
    }
    return out;
  }

  specOf(cls: ClassObject): ClassSpec | undefined {
    return this.program.classes.find((c) => c.name === cls.name);
  }

  /** The nearest class in the MRO whose spec defines a method, with that spec. */
  method<K extends 'init' | 'eq' | 'del'>(clsId: number, key: K): { cls: ClassObject; spec: ClassSpec } | undefined {
    for (const cls of this.mro(clsId)) {
      const spec = this.specOf(cls);
      if (spec && spec[key] !== undefined) return { cls, spec };
    }
    return undefined;
  }

  classLookup(clsId: number, attr: string): { cls: ClassObject; value: Value } | undefined {
    for (const cls of this.mro(clsId)) {
      const v = cls.dict[attr];
      if (v !== undefined) return { cls, value: v };
    }
    return undefined;
  }

  isSubclass(clsId: number, of: number): boolean {
    return this.mro(clsId).some((c) => c.id === of);
  }

  // -------------------------------------------------------------- attributes

  getAttr(v: Value, attr: string): Value {
    if (v.t !== 'ref') throw new ObjectsError('AttributeError', `a ${v.t} has no attribute '${attr}'`);
    const o = this.obj(v.id);
    if (o.kind === 'instance') {
      const own = o.dict[attr];
      const inClass = this.classLookup(o.cls, attr)?.value;
      const found = this.beliefs.has('class-wins') ? (inClass ?? own) : (own ?? inClass);
      if (found === undefined) throw new ObjectsError('AttributeError', `object has no attribute '${attr}'`);
      return found;
    }
    if (o.kind === 'class') {
      const found = this.classLookup(o.id, attr)?.value;
      if (found === undefined) throw new ObjectsError('AttributeError', `type object '${o.name}' has no attribute '${attr}'`);
      return found;
    }
    throw new ObjectsError('AttributeError', `'list' object has no attribute '${attr}'`);
  }

  setAttr(v: Value, attr: string, value: Value): void {
    if (v.t !== 'ref') throw new ObjectsError('AttributeError', `cannot set '${attr}' on a ${v.t}`);
    const o = this.obj(v.id);
    if (o.kind === 'instance') {
      if (this.beliefs.has('instance-write-to-class') && !(attr in o.dict)) {
        const owner = this.classLookup(o.cls, attr);
        if (owner) {
          this.noteDrop(owner.cls.dict[attr]);
          this.put({ ...owner.cls, dict: { ...owner.cls.dict, [attr]: value } });
          return;
        }
      }
      this.noteDrop(o.dict[attr]);
      this.put({ ...o, dict: { ...o.dict, [attr]: value } });
      return;
    }
    if (o.kind === 'class') {
      this.noteDrop(o.dict[attr]);
      this.put({ ...o, dict: { ...o.dict, [attr]: value } });
      return;
    }
    throw new ObjectsError('AttributeError', `'list' object has no attribute '${attr}'`);
  }

  delAttr(v: Value, attr: string): void {
    if (v.t !== 'ref') throw new ObjectsError('AttributeError', attr);
    const o = this.obj(v.id);
    if (o.kind === 'list') throw new ObjectsError('AttributeError', attr);
    if (!(attr in o.dict)) throw new ObjectsError('AttributeError', `'${attr}' is not an attribute of the object itself`);
    const dict = { ...o.dict };
    this.noteDrop(dict[attr]);
    delete dict[attr];
    this.put({ ...o, dict } as HeapObject);
  }

  listOf(v: Value): ListObject {
    if (v.t !== 'ref') throw new ObjectsError('TypeError', 'not a list');
    const o = this.obj(v.id);
    if (o.kind !== 'list') throw new ObjectsError('TypeError', 'not a list');
    return o;
  }

  instanceOf(v: Value): InstanceObject | undefined {
    if (v.t !== 'ref') return undefined;
    const o = this.obj(v.id);
    return o.kind === 'instance' ? o : undefined;
  }

  // -------------------------------------------------------------- expressions

  lookupName(name: string, locals: Locals | null): Value {
    const v = locals?.[name] ?? this.globals[name];
    if (v === undefined) throw new ObjectsError('NameError', `name '${name}' is not defined`);
    return v;
  }

  eval(e: Expr, locals: Locals | null): Value {
    switch (e.kind) {
      case 'name':
        return this.lookupName(e.name, locals);
      case 'attr':
        return this.getAttr(this.eval(e.target, locals), e.attr);
      case 'int':
        return INT(e.value);
      case 'str':
        return { t: 'str', v: e.value };
      case 'none':
        return NONE;
      case 'new':
        return this.construct(this.classByName(e.cls), e.args.map((a) => this.eval(a, locals)));
      case 'list':
        return this.newList(e.items.map((i) => this.eval(i, locals)));
      case 'index': {
        const l = this.listOf(this.eval(e.target, locals));
        const i = e.index < 0 ? l.items.length + e.index : e.index;
        const item = l.items[i];
        if (item === undefined) throw new ObjectsError('IndexError', 'list index out of range');
        return item;
      }
      case 'is': {
        const l = this.eval(e.left, locals);
        const r = this.eval(e.right, locals);
        const same = this.beliefs.has('is-means-eq') ? this.equals(l, r) : identical(l, r);
        return BOOL(e.negate ? !same : same);
      }
      case 'eq':
        return BOOL(this.equals(this.eval(e.left, locals), this.eval(e.right, locals)));
      case 'isinstance': {
        const inst = this.instanceOf(this.eval(e.target, locals));
        const cls = this.classByName(e.cls);
        if (!inst) return BOOL(false);
        return BOOL(this.beliefs.has('isinstance-exact') ? inst.cls === cls.id : this.isSubclass(inst.cls, cls.id));
      }
      case 'type-is': {
        const inst = this.instanceOf(this.eval(e.target, locals));
        const cls = this.classByName(e.cls);
        if (!inst) return BOOL(false);
        return BOOL(this.beliefs.has('type-includes-subclasses') ? this.isSubclass(inst.cls, cls.id) : inst.cls === cls.id);
      }
      case 'type': {
        const inst = this.instanceOf(this.eval(e.target, locals));
        if (!inst) throw new ObjectsError('TypeError', 'type() of a non-instance is not modelled');
        return { t: 'ref', id: inst.cls };
      }
      case 'type-name': {
        const inst = this.instanceOf(this.eval(e.target, locals));
        if (!inst) throw new ObjectsError('TypeError', 'type() of a non-instance is not modelled');
        const cls = this.obj(inst.cls) as ClassObject;
        return { t: 'str', v: cls.name };
      }
      case 'len':
        return INT(this.listOf(this.eval(e.target, locals)).items.length);
      case 'has-own': {
        const v = this.eval(e.target, locals);
        if (v.t !== 'ref') throw new ObjectsError('AttributeError', '__dict__');
        const o = this.obj(v.id);
        if (o.kind === 'list') throw new ObjectsError('AttributeError', "'list' object has no attribute '__dict__'");
        return BOOL(e.attr in o.dict);
      }
    }
  }

  /**
   * `left == right`. Instances: the left operand's `__eq__` (found on the MRO), else the
   * right operand's reflected `__eq__`, else object's default, which is identity.
   */
  equals(l: Value, r: Value): boolean {
    if (l.t === 'ref' && r.t === 'ref') {
      const lo = this.obj(l.id);
      const ro = this.obj(r.id);
      if (lo.kind === 'list' && ro.kind === 'list') {
        return lo.items.length === ro.items.length && lo.items.every((x, i) => this.equals(x, ro.items[i] as Value));
      }
    }
    const li = this.instanceOf(l);
    const ri = this.instanceOf(r);
    if (li || ri) {
      if (li) {
        const m = this.method(li.cls, 'eq');
        if (m) return this.userEq(m.cls, m.spec, li, r);
      }
      if (ri) {
        const m = this.method(ri.cls, 'eq');
        if (m) return this.userEq(m.cls, m.spec, ri, l);
      }
      if (identical(l, r)) return true;
      if (this.beliefs.has('eq-compares-fields') && li && ri) {
        const lk = Object.keys(li.dict);
        const rk = Object.keys(ri.dict);
        return lk.length === rk.length && lk.every((k) => k in ri.dict && this.equals(li.dict[k] as Value, ri.dict[k] as Value));
      }
      return false;
    }
    return identical(l, r);
  }

  /** `return isinstance(other, Cls) and self.attr == other.attr` */
  userEq(cls: ClassObject, spec: ClassSpec, self: InstanceObject, other: Value): boolean {
    const oi = this.instanceOf(other);
    if (!oi || !this.isSubclass(oi.cls, cls.id)) return false;
    const attr = (spec.eq as { attr: string }).attr;
    return this.equals(this.getAttr({ t: 'ref', id: self.id }, attr), this.getAttr(other, attr));
  }

  // -------------------------------------------------------------- construction

  /** `Cls(args…)`: a new instance, then `__init__` (the nearest one on the MRO). */
  construct(cls: ClassObject, args: readonly Value[]): Value {
    const inst = this.alloc((id): InstanceObject => ({ kind: 'instance', id, cls: cls.id, serial: ++this.instanceSerial, dict: {} }));
    this.created.push(inst.id);
    this.createdLabels.push(objectLabel(this.heap, inst.id));
    const self: Value = { t: 'ref', id: inst.id };
    if (this.beliefs.has('list-copied')) {
      // The misbelief: every instance starts with its own copy of each class-level list.
      const seen = new Set<string>();
      for (const c of this.mro(cls.id)) {
        for (const [k, v] of Object.entries(c.dict)) {
          if (seen.has(k)) continue;
          seen.add(k);
          if (v.t === 'ref' && this.obj(v.id).kind === 'list') {
            const copy = this.newList(this.listOf(v).items);
            const cur = this.obj(inst.id) as InstanceObject;
            this.put({ ...cur, dict: { ...cur.dict, [k]: copy } });
          }
        }
      }
    }
    const init = this.method(cls.id, 'init');
    if (!init) {
      if (args.length > 0) throw new ObjectsError('TypeError', `${cls.name}() takes no arguments`);
      return self;
    }
    const def = init.spec.init as NonNullable<ClassSpec['init']>;
    if (def.params.length !== args.length) throw new ObjectsError('TypeError', `__init__ takes ${def.params.length} arguments`);
    const locals: Locals = { self };
    def.params.forEach((p, i) => (locals[p] = args[i] as Value));
    for (const s of def.body) this.exec(s, locals);
    return self;
  }

  copyInstance(v: Value): Value {
    const inst = this.instanceOf(v);
    if (!inst) return v;
    const copy = this.alloc((id): InstanceObject => ({ ...inst, id, serial: ++this.instanceSerial, dict: { ...inst.dict } }));
    this.created.push(copy.id);
    this.createdLabels.push(objectLabel(this.heap, copy.id));
    return { t: 'ref', id: copy.id };
  }

  // -------------------------------------------------------------- statements

  assignTarget(t: Target, value: Value, locals: Locals | null): void {
    if (t.kind === 'name') {
      if (locals) locals[t.name] = value;
      else {
        this.noteDrop(this.globals[t.name]);
        this.globals[t.name] = value;
      }
    } else {
      this.setAttr(this.eval(t.target, locals), t.attr, value);
    }
  }

  exec(s: Stmt, locals: Locals | null): void {
    switch (s.kind) {
      case 'assign': {
        let v = this.eval(s.value, locals);
        if (this.beliefs.has('alias-copies') && s.target.kind === 'name' && ['name', 'attr', 'index'].includes(s.value.kind)) {
          v = this.copyInstance(v);
        }
        this.assignTarget(s.target, v, locals);
        return;
      }
      case 'aug': {
        const cur =
          s.target.kind === 'name' ? this.lookupName(s.target.name, locals) : this.getAttr(this.eval(s.target.target, locals), s.target.attr);
        if (cur.t !== 'int') throw new ObjectsError('TypeError', '+= on a non-int is not modelled');
        this.assignTarget(s.target, INT(cur.v + s.delta), locals);
        return;
      }
      case 'append': {
        const l = this.listOf(this.eval(s.list, locals));
        const v = this.eval(s.value, locals);
        this.put({ ...l, items: [...(this.obj(l.id) as ListObject).items, v] });
        return;
      }
      case 'clear': {
        const l = this.listOf(this.eval(s.list, locals));
        for (const v of l.items) this.noteDrop(v);
        this.put({ ...l, items: [] });
        return;
      }
      case 'del-name': {
        const v = locals?.[s.name] ?? this.globals[s.name];
        if (v === undefined) throw new ObjectsError('NameError', `name '${s.name}' is not defined`);
        if (locals && s.name in locals) delete locals[s.name];
        else {
          this.noteDrop(v);
          delete this.globals[s.name];
        }
        if (this.beliefs.has('del-destroys')) {
          const inst = this.instanceOf(v);
          if (inst && !this.destroyed.includes(inst.id)) {
            this.destroyed.push(inst.id);
            this.runDel(inst);
          }
        }
        return;
      }
      case 'del-attr':
        this.delAttr(this.eval(s.target, locals), s.attr);
        return;
      case 'print': {
        const text = strOf(this.heapView(), this.eval(s.expr, locals));
        this.output.push(text);
        this.printed = text;
        return;
      }
    }
  }

  heapView(): readonly (HeapObject | null)[] {
    return this.heap;
  }

  runDel(inst: InstanceObject): void {
    const m = this.method(inst.cls, 'del');
    if (!m) return;
    const locals: Locals = { self: { t: 'ref', id: inst.id } };
    for (const s of m.spec.del ?? []) this.exec(s, locals);
  }

  /**
   * Reference counting without cycles: everything not reachable from the module's names
   * (and the classes they hold) has just lost its last reference. CPython frees an object
   * first, then the objects only it referred to (its `__dict__`, a list's items).
   */
  collect(): void {
    if (this.beliefs.has('never-freed')) return;
    const reach = reachable(this.heap, this.globals);
    const garbage = this.heap.filter((o): o is HeapObject => o !== null && !reach.has(o.id));
    if (garbage.length === 0) return;
    // Order: objects no other garbage refers to first, then what they held, breadth-first.
    const heldByGarbage = new Set<number>();
    for (const g of garbage) for (const r of refsOf(g)) heldByGarbage.add(r);
    const order: HeapObject[] = [];
    const queued = new Set<number>();
    const queue = garbage.filter((g) => !heldByGarbage.has(g.id));
    for (const g of queue) queued.add(g.id);
    while (queue.length > 0) {
      const g = queue.shift() as HeapObject;
      order.push(g);
      for (const r of refsOf(g)) {
        const o = this.heap[r];
        if (o && !reach.has(r) && !queued.has(r)) {
          queued.add(r);
          queue.push(o);
        }
      }
    }
    for (const g of garbage) if (!queued.has(g.id)) order.push(g); // (cycles: never in scenarios)
    for (const g of order) {
      if (g.kind === 'instance') {
        if (!this.destroyed.includes(g.id)) this.runDel(g);
        this.freed.push(g.id);
        this.freedLabels.push(objectLabel(this.heap, g.id));
      }
    }
    for (const g of order) this.heap[g.id] = null;
  }
}

/** How the trace names an object: `Node#1` (instance), `L2` (list), `Node` (class). */
export function objectLabel(heap: readonly (HeapObject | null)[], id: number): string {
  const o = heap[id];
  if (!o) return '(freed)';
  if (o.kind === 'class') return o.name;
  if (o.kind === 'list') return `L${o.serial}`;
  const cls = heap[o.cls];
  return `${cls && cls.kind === 'class' ? cls.name : '?'}#${o.serial}`;
}

function identical(l: Value, r: Value): boolean {
  if (l.t === 'ref' || r.t === 'ref') return l.t === 'ref' && r.t === 'ref' && l.id === r.id;
  if (l.t === 'none' || r.t === 'none') return l.t === r.t;
  return l.t === r.t && l.v === r.v;
}

/** Heap ids an object refers to directly. */
export function refsOf(o: HeapObject): number[] {
  const vals = o.kind === 'list' ? o.items : Object.values(o.dict);
  const out = vals.flatMap((v) => (v.t === 'ref' ? [v.id] : []));
  if (o.kind === 'instance') out.push(o.cls);
  if (o.kind === 'class' && o.base !== null) out.push(o.base);
  return out;
}

/** Ids reachable from the module's names. */
export function reachable(heap: readonly (HeapObject | null)[], globals: Readonly<Record<string, Value>>): Set<number> {
  const seen = new Set<number>();
  const stack: number[] = [];
  const push = (v: Value) => {
    if (v.t === 'ref' && !seen.has(v.id)) stack.push(v.id);
  };
  for (const k in globals) push(globals[k] as Value);
  while (stack.length > 0) {
    const id = stack.pop() as number;
    if (seen.has(id)) continue;
    const o = heap[id];
    if (!o) continue;
    seen.add(id);
    if (o.kind === 'list') for (const v of o.items) push(v);
    else {
      for (const k in o.dict) push(o.dict[k] as Value);
      const up = o.kind === 'instance' ? o.cls : o.base;
      if (up !== null && !seen.has(up)) stack.push(up);
    }
  }
  return seen;
}

/** Python's `repr` for the values the AST can build (strings in single quotes). */
export function reprOf(heap: readonly (HeapObject | null)[], v: Value): string {
  if (v.t === 'str') return `'${v.v}'`;
  return strOf(heap, v);
}

/** Python's `str`, as `print` shows it. Printing an instance is not modelled (its text has an address). */
export function strOf(heap: readonly (HeapObject | null)[], v: Value): string {
  switch (v.t) {
    case 'int':
      return String(v.v);
    case 'str':
      return v.v;
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'ref': {
      const o = heap[v.id];
      if (!o) throw new ObjectsError('NameError', 'freed object');
      if (o.kind === 'list') return `[${o.items.map((i) => reprOf(heap, i)).join(', ')}]`;
      if (o.kind === 'class') return `<class '__main__.${o.name}'>`;
      throw new ObjectsError('TypeError', 'printing an instance shows its address: not modelled');
    }
  }
}

/** The state before the first module statement: every class defined, its attributes set. */
export function initialState(program: ObjectProgram, beliefs: Beliefs = NO_BELIEFS): ObjState {
  const empty: ObjState = { heap: [], globals: {}, instanceSerial: 0, listSerial: 0, destroyed: [], output: [] };
  const m = new Machine(program, empty, beliefs);
  for (const spec of program.classes) {
    const base = spec.base === null ? null : m.classByName(spec.base).id;
    const cls = m.alloc((id): ClassObject => ({ kind: 'class', id, name: spec.name, base, dict: {} }));
    m.globals[spec.name] = { t: 'ref', id: cls.id };
    for (const a of spec.attrs) {
      const v = m.eval(a.value, null);
      const cur = m.obj(cls.id) as ClassObject;
      m.put({ ...cur, dict: { ...cur.dict, [a.name]: v } });
    }
  }
  return m.freeze();
}

/**
 * Runs module statement `index` on `state`: evaluates it (constructors run `__init__`),
 * then frees whatever lost its last reference, running `__del__` as CPython does.
 */
export function step(
  program: ObjectProgram,
  state: ObjState,
  index: number,
  beliefs: Beliefs = NO_BELIEFS,
): { state: ObjState; trace: StepTrace } {
  const stmt = program.body[index];
  if (!stmt) throw new RangeError(`no statement ${index}`);
  const m = new Machine(program, state, beliefs);
  const before = m.heap.length;
  m.exec(stmt, null);
  // Garbage is only possible if a reference was overwritten or removed, or something was allocated.
  if (m.dropped || m.heap.length !== before) m.collect();
  return {
    state: m.freeze(),
    trace: {
      index,
      created: m.created,
      freed: m.freed,
      createdLabels: m.createdLabels,
      freedLabels: m.freedLabels,
      ...(m.printed !== undefined ? { printed: m.printed } : {}) },
  };
}

export interface ObjRun {
  readonly program: ObjectProgram;
  readonly initial: ObjState;
  /** `states[i]`: the state right after module statement i. */
  readonly states: readonly ObjState[];
  readonly trace: readonly StepTrace[];
}

const runs = new WeakMap<ObjectProgram, Map<string, ObjRun>>();
const initials = new WeakMap<readonly ClassSpec[], ObjState>();

/**
 * Runs the whole module body. Throws `ObjectsError` where Python would raise. Runs are
 * deterministic and their results immutable, so they are memoized per program object.
 */
export function run(program: ObjectProgram, beliefs: Beliefs = NO_BELIEFS): ObjRun {
  const key = [...beliefs].sort().join(',');
  let byBeliefs = runs.get(program);
  const hit = byBeliefs?.get(key);
  if (hit) return hit;
  // The classes' initial state does not depend on any misbelief.
  let initial = initials.get(program.classes);
  if (!initial) {
    initial = initialState(program);
    initials.set(program.classes, initial);
  }
  const states: ObjState[] = [];
  const trace: StepTrace[] = [];
  let s = initial;
  for (let i = 0; i < program.body.length; i++) {
    const r = step(program, s, i, beliefs);
    s = r.state;
    states.push(s);
    trace.push(r.trace);
  }
  const result: ObjRun = { program, initial, states, trace };
  if (!byBeliefs) {
    byBeliefs = new Map();
    runs.set(program, byBeliefs);
  }
  byBeliefs.set(key, result);
  return result;
}

/** Like `run`, but returns null instead of throwing when the program (under a misbelief) would raise. */
export function tryRun(program: ObjectProgram, beliefs: Beliefs = NO_BELIEFS): ObjRun | null {
  try {
    return run(program, beliefs);
  } catch (e) {
    if (e instanceof ObjectsError) return null;
    throw e;
  }
}

// ------------------------------------------------------------------ queries on a state

/** Live instances whose class is `cls` or a subclass of it (those a misbelief destroyed excluded). */
export function liveInstances(state: ObjState, cls: string): InstanceObject[] {
  const clsId = classId(state, cls);
  const isSub = (c: number): boolean => {
    let cur: number | null = c;
    while (cur !== null) {
      if (cur === clsId) return true;
      const o: HeapObject | null | undefined = state.heap[cur];
      cur = o && o.kind === 'class' ? o.base : null;
    }
    return false;
  };
  return state.heap.filter(
    (o): o is InstanceObject => o !== null && o.kind === 'instance' && isSub(o.cls) && !state.destroyed.includes(o.id),
  );
}

/** Heap id of the class named `name` (bound in the module, or defined even if unbound). */
export function classId(state: ObjState, name: string): number {
  const v = state.globals[name];
  if (v && v.t === 'ref' && state.heap[v.id]?.kind === 'class') return v.id;
  const found = state.heap.findIndex((o) => o?.kind === 'class' && o.name === name);
  if (found < 0) throw new ObjectsError('NameError', `no class ${name}`);
  return found;
}

/** Evaluates an expression against a state without changing it (e.g. what `a.items` refers to). */
export function evalIn(program: ObjectProgram, state: ObjState, e: Expr, beliefs: Beliefs = NO_BELIEFS): Value {
  return new Machine(program, state, beliefs, allocates(e)).eval(e, null);
}

/** Whether evaluating `e` creates objects (and so needs a private copy of the heap). */
function allocates(e: Expr): boolean {
  switch (e.kind) {
    case 'new':
    case 'list':
      return true;
    case 'attr':
    case 'index':
    case 'isinstance':
    case 'type-is':
    case 'type':
    case 'type-name':
    case 'len':
    case 'has-own':
      return allocates(e.target);
    case 'is':
    case 'eq':
      return allocates(e.left) || allocates(e.right);
    default:
      return false;
  }
}

/** Whether the heap holds a reference cycle through instances or lists (scenarios must not). */
export function hasCycle(state: ObjState): boolean {
  const color = new Map<number, 1 | 2>();
  const visit = (id: number): boolean => {
    const o = state.heap[id];
    if (!o || o.kind === 'class') return false;
    const c = color.get(id);
    if (c === 1) return true;
    if (c === 2) return false;
    color.set(id, 1);
    for (const r of refsOf(o)) if (visit(r)) return true;
    color.set(id, 2);
    return false;
  };
  return state.heap.some((o) => o !== null && o.kind !== 'class' && visit(o.id));
}
