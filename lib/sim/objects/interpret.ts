/**
 * A small interpreter for the objects AST with CPython's semantics for what it covers:
 * attribute lookup through the instance `__dict__` then the class MRO, assignment through
 * an instance creating an instance attribute, augmented assignment as get-then-set,
 * `is` as identity, `==` through `__eq__` (default: identity), `isinstance` over the MRO,
 * and reference counting: an object is freed (and its `__del__` run) as soon as its last
 * reference goes away. Programs are required to be cycle-free, so refcounting alone frees
 * everything that is unreachable, exactly when it becomes unreachable.
 *
 * `step` is pure: it never changes the state it is given. Inside a step the machine copies
 * on write: a heap object (or the heap array, the globals, the output) is copied the first
 * time the step changes it, and objects the step itself created are changed in place, so a
 * step costs what it touches, not the size of the state.
 */
import {
  MISBELIEFS,
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

/** One bit per misbelief, so a set of them is a number (`beliefMask`). */
const BIT = Object.fromEntries(MISBELIEFS.map((b, i) => [b, 1 << i])) as Readonly<Record<Misbelief, number>>;

function beliefMask(beliefs: Beliefs): number {
  if (beliefs.size === 0) return 0;
  let mask = 0;
  for (const b of beliefs) mask |= BIT[b];
  return mask;
}

const INT = (v: number): Value => ({ t: 'int', v });
const BOOL = (v: boolean): Value => ({ t: 'bool', v });
const NONE: Value = { t: 'none' };

type Locals = Record<string, Value>;
type Dict = Record<string, Value>;
/** A heap object this step owns and may change in place. */
type Owned = { -readonly [K in keyof InstanceObject]: InstanceObject[K] } | { -readonly [K in keyof ClassObject]: ClassObject[K] };
type OwnedList = { -readonly [K in keyof ListObject]: ListObject[K] } & { items: Value[] };

/** What one step did, beside the next state. */
interface StepResult {
  readonly state: ObjState;
  readonly trace: StepTrace;
  /**
   * The misbeliefs (a `beliefMask`) that could have changed this step, recorded when it
   * runs under none: a decision that consults a misbelief and would come out differently
   * under it. Under any set of misbeliefs disjoint from these, the step does exactly the same.
   */
  readonly sensitive: number;
}

/** Mutable working copy of a state (copy on write), used inside one step only. */
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
  /** See `StepResult.sensitive`; recorded only when running under no misbelief. */
  sensitive = 0;

  private readonly mask: number;
  private readonly recording: boolean;
  /** Heap ids from here on were created by this step: it owns them. */
  private readonly firstNew: number;
  /** Heap ids older than the step that it has already copied (and so owns). */
  private readonly copied: number[] = [];
  private heapOwned = false;
  private globalsOwned = false;
  private destroyedOwned = false;
  private outputOwned = false;

  constructor(
    readonly classes: readonly ClassSpec[],
    s: ObjState,
    beliefs: Beliefs,
  ) {
    this.heap = s.heap as (HeapObject | null)[];
    this.globals = s.globals as Record<string, Value>;
    this.instanceSerial = s.instanceSerial;
    this.listSerial = s.listSerial;
    this.destroyed = s.destroyed as number[];
    this.output = s.output as string[];
    this.firstNew = s.heap.length;
    this.mask = beliefMask(beliefs);
    this.recording = this.mask === 0;
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

  /** Whether the learner being modelled holds misbelief `b`. */
  believes(b: Misbelief): boolean {
    return (this.mask & BIT[b]) !== 0;
  }

  /** Notes that misbelief `b` would have changed a decision of this step (see `StepResult`). */
  sensitiveTo(b: Misbelief): void {
    if (this.recording) this.sensitive |= BIT[b];
  }

  // -------------------------------------------------------------- heap helpers (copy on write)

  obj(id: number): HeapObject {
    const o = this.heap[id];
    if (!o) throw new ObjectsError('NameError', `object ${id} was freed`);
    return o;
  }

  private writableHeap(): (HeapObject | null)[] {
    if (!this.heapOwned) {
      this.heap = this.heap.slice();
      this.heapOwned = true;
    }
    return this.heap;
  }

  /** Heap object `id`, made private to this step (copied the first time) so it can be changed in place. */
  private own(id: number): Owned | OwnedList {
    const o = this.obj(id);
    if (id >= this.firstNew || this.copied.includes(id)) return o as Owned | OwnedList;
    let copy: Owned | OwnedList;
    if (o.kind === 'list') copy = { kind: 'list', id: o.id, serial: o.serial, items: o.items.slice() };
    else if (o.kind === 'instance') copy = { kind: 'instance', id: o.id, cls: o.cls, serial: o.serial, dict: { ...o.dict } };
    else copy = { kind: 'class', id: o.id, name: o.name, base: o.base, dict: { ...o.dict } };
    this.writableHeap()[id] = copy;
    this.copied.push(id);
    return copy;
  }

  /** The `__dict__` of instance or class `id`, private to this step. */
  ownDict(id: number): Dict {
    const o = this.own(id);
    if (o.kind === 'list') throw new ObjectsError('AttributeError', "'list' object has no attribute '__dict__'");
    return o.dict as Dict;
  }

  /** The items of list `id`, private to this step. */
  ownItems(id: number): Value[] {
    const o = this.own(id);
    if (o.kind !== 'list') throw new ObjectsError('TypeError', 'not a list');
    return o.items;
  }

  /** The module's names, private to this step. */
  private ownGlobals(): Record<string, Value> {
    if (!this.globalsOwned) {
      this.globals = { ...this.globals };
      this.globalsOwned = true;
    }
    return this.globals;
  }

  setGlobal(name: string, v: Value): void {
    this.ownGlobals()[name] = v;
  }

  deleteGlobal(name: string): void {
    delete this.ownGlobals()[name];
  }

  noteDrop(old: Value | undefined): void {
    if (old && old.t === 'ref') this.dropped = true;
  }

  /** Places a new object at the end of the heap (its id is the heap's length before). */
  alloc<T extends HeapObject>(o: T): T {
    this.writableHeap().push(o);
    return o;
  }

  newList(items: Value[]): Value {
    const id = this.heap.length;
    this.alloc<ListObject>({ kind: 'list', id, serial: ++this.listSerial, items });
    return { t: 'ref', id };
  }

  classByName(name: string): ClassObject {
    const v = this.globals[name];
    if (!v || v.t !== 'ref') throw new ObjectsError('NameError', `name '${name}' is not defined`);
    const o = this.obj(v.id);
    if (o.kind !== 'class') throw new ObjectsError('TypeError', `${name} is not a class`);
    return o;
  }

  /** Class `id` as found on an MRO walk (single inheritance: the base chain). */
  classAt(id: number): ClassObject {
    const o = this.obj(id);
    if (o.kind !== 'class') throw new ObjectsError('TypeError', 'base is not a class');
    return o;
  }

  specOf(cls: ClassObject): ClassSpec | undefined {
    for (const spec of this.classes) if (spec.name === cls.name) return spec;
    return undefined;
  }

  /** The nearest class in the MRO whose spec defines a method, with that spec. */
  method<K extends 'init' | 'eq' | 'del'>(clsId: number, key: K): { cls: ClassObject; spec: ClassSpec } | undefined {
    for (let c: number | null = clsId; c !== null; ) {
      const cls = this.classAt(c);
      const spec = this.specOf(cls);
      if (spec && spec[key] !== undefined) return { cls, spec };
      c = cls.base;
    }
    return undefined;
  }

  /** The first class on the MRO of `clsId` whose own dict has `attr` (the value is `cls.dict[attr]`). */
  classLookup(clsId: number, attr: string): ClassObject | undefined {
    for (let c: number | null = clsId; c !== null; ) {
      const cls = this.classAt(c);
      if (cls.dict[attr] !== undefined) return cls;
      c = cls.base;
    }
    return undefined;
  }

  isSubclass(clsId: number, of: number): boolean {
    for (let c: number | null = clsId; c !== null; ) {
      const cls = this.classAt(c);
      if (cls.id === of) return true;
      c = cls.base;
    }
    return false;
  }

  // -------------------------------------------------------------- attributes

  getAttr(v: Value, attr: string): Value {
    if (v.t !== 'ref') throw new ObjectsError('AttributeError', `a ${v.t} has no attribute '${attr}'`);
    const o = this.obj(v.id);
    if (o.kind === 'instance') {
      const own = o.dict[attr];
      const inClass = this.classLookup(o.cls, attr)?.dict[attr];
      if (own !== undefined && inClass !== undefined) this.sensitiveTo('class-wins');
      const found = this.believes('class-wins') ? (inClass ?? own) : (own ?? inClass);
      if (found === undefined) throw new ObjectsError('AttributeError', `object has no attribute '${attr}'`);
      return found;
    }
    if (o.kind === 'class') {
      const found = this.classLookup(o.id, attr)?.dict[attr];
      if (found === undefined) throw new ObjectsError('AttributeError', `type object '${o.name}' has no attribute '${attr}'`);
      return found;
    }
    throw new ObjectsError('AttributeError', `'list' object has no attribute '${attr}'`);
  }

  setAttr(v: Value, attr: string, value: Value): void {
    if (v.t !== 'ref') throw new ObjectsError('AttributeError', `cannot set '${attr}' on a ${v.t}`);
    const o = this.obj(v.id);
    if (o.kind === 'list') throw new ObjectsError('AttributeError', `'list' object has no attribute '${attr}'`);
    if (o.kind === 'instance' && !(attr in o.dict)) {
      const owner = this.classLookup(o.cls, attr);
      if (owner) this.sensitiveTo('instance-write-to-class');
      if (owner && this.believes('instance-write-to-class')) {
        this.noteDrop(owner.dict[attr]);
        this.ownDict(owner.id)[attr] = value;
        return;
      }
    }
    this.noteDrop(o.dict[attr]);
    this.ownDict(o.id)[attr] = value;
  }

  delAttr(v: Value, attr: string): void {
    if (v.t !== 'ref') throw new ObjectsError('AttributeError', attr);
    const o = this.obj(v.id);
    if (o.kind === 'list') throw new ObjectsError('AttributeError', attr);
    if (!(attr in o.dict)) throw new ObjectsError('AttributeError', `'${attr}' is not an attribute of the object itself`);
    this.noteDrop(o.dict[attr]);
    delete this.ownDict(o.id)[attr];
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

  evalAll(es: readonly Expr[], locals: Locals | null): Value[] {
    const out: Value[] = [];
    for (const e of es) out.push(this.eval(e, locals));
    return out;
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
      case 'new': {
        const cls = this.classByName(e.cls);
        return this.construct(cls, this.evalAll(e.args, locals));
      }
      case 'list':
        return this.newList(this.evalAll(e.items, locals));
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
        this.sensitiveTo('is-means-eq');
        const same = this.believes('is-means-eq') ? this.equals(l, r) : identical(l, r);
        return BOOL(e.negate ? !same : same);
      }
      case 'eq':
        return BOOL(this.equals(this.eval(e.left, locals), this.eval(e.right, locals)));
      case 'isinstance': {
        const inst = this.instanceOf(this.eval(e.target, locals));
        const cls = this.classByName(e.cls);
        if (!inst) return BOOL(false);
        const exact = inst.cls === cls.id;
        const sub = this.isSubclass(inst.cls, cls.id);
        if (exact !== sub) this.sensitiveTo('isinstance-exact');
        return BOOL(this.believes('isinstance-exact') ? exact : sub);
      }
      case 'type-is': {
        const inst = this.instanceOf(this.eval(e.target, locals));
        const cls = this.classByName(e.cls);
        if (!inst) return BOOL(false);
        const exact = inst.cls === cls.id;
        const sub = this.isSubclass(inst.cls, cls.id);
        if (exact !== sub) this.sensitiveTo('type-includes-subclasses');
        return BOOL(this.believes('type-includes-subclasses') ? sub : exact);
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
        if (lo.items.length !== ro.items.length) return false;
        for (let i = 0; i < lo.items.length; i++) if (!this.equals(lo.items[i] as Value, ro.items[i] as Value)) return false;
        return true;
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
      if (li && ri) {
        this.sensitiveTo('eq-compares-fields');
        if (this.believes('eq-compares-fields')) return this.sameFields(li, ri);
      }
      return false;
    }
    return identical(l, r);
  }

  /** The `eq-compares-fields` misbelief: the same attribute names, and each pair of values `==`. */
  sameFields(li: InstanceObject, ri: InstanceObject): boolean {
    const keys = Object.keys(li.dict);
    if (keys.length !== Object.keys(ri.dict).length) return false;
    for (const k of keys) if (!(k in ri.dict) || !this.equals(li.dict[k] as Value, ri.dict[k] as Value)) return false;
    return true;
  }

  /** `return isinstance(other, Cls) and self.attr == other.attr` */
  userEq(cls: ClassObject, spec: ClassSpec, self: InstanceObject, other: Value): boolean {
    const oi = this.instanceOf(other);
    if (!oi || !this.isSubclass(oi.cls, cls.id)) return false;
    const attr = (spec.eq as { attr: string }).attr;
    return this.equals(this.getAttr({ t: 'ref', id: self.id }, attr), this.getAttr(other, attr));
  }

  // -------------------------------------------------------------- construction

  /** Adds a new instance of class `cls` with `dict` to the heap and the step's trace. */
  newInstance(cls: number, dict: Dict): number {
    const id = this.heap.length;
    this.alloc<InstanceObject>({ kind: 'instance', id, cls, serial: ++this.instanceSerial, dict });
    this.created.push(id);
    this.createdLabels.push(objectLabel(this.heap, id));
    return id;
  }

  /**
   * The class-level lists an instance of `clsId` sees through its class (the first
   * binding of each name on the MRO), as [name, list value] pairs.
   */
  classLists(clsId: number): [string, Value][] {
    const out: [string, Value][] = [];
    const seen: string[] = [];
    for (let c: number | null = clsId; c !== null; ) {
      const cls = this.classAt(c);
      for (const k in cls.dict) {
        if (seen.includes(k)) continue;
        seen.push(k);
        const v = cls.dict[k] as Value;
        if (v.t === 'ref' && this.obj(v.id).kind === 'list') out.push([k, v]);
      }
      c = cls.base;
    }
    return out;
  }

  /** `Cls(args…)`: a new instance, then `__init__` (the nearest one on the MRO). */
  construct(cls: ClassObject, args: readonly Value[]): Value {
    const id = this.newInstance(cls.id, {});
    const self: Value = { t: 'ref', id };
    if (this.recording || this.believes('list-copied')) {
      const lists = this.classLists(cls.id);
      if (lists.length > 0) this.sensitiveTo('list-copied');
      if (this.believes('list-copied')) {
        // The misbelief: every instance starts with its own copy of each class-level list.
        for (const [k, v] of lists) {
          const copy = this.newList(this.listOf(v).items.slice());
          this.ownDict(id)[k] = copy;
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
    for (let i = 0; i < def.params.length; i++) locals[def.params[i] as string] = args[i] as Value;
    for (const s of def.body) this.exec(s, locals);
    return self;
  }

  /** The `alias-copies` misbelief: `b = a` makes a new instance with a copy of a's `__dict__`. */
  copyInstance(inst: InstanceObject): Value {
    return { t: 'ref', id: this.newInstance(inst.cls, { ...inst.dict }) };
  }

  // -------------------------------------------------------------- statements

  assignTarget(t: Target, value: Value, locals: Locals | null): void {
    if (t.kind === 'name') {
      if (locals) locals[t.name] = value;
      else {
        this.noteDrop(this.globals[t.name]);
        this.setGlobal(t.name, value);
      }
    } else {
      this.setAttr(this.eval(t.target, locals), t.attr, value);
    }
  }

  exec(s: Stmt, locals: Locals | null): void {
    switch (s.kind) {
      case 'assign': {
        let v = this.eval(s.value, locals);
        if (s.target.kind === 'name' && (s.value.kind === 'name' || s.value.kind === 'attr' || s.value.kind === 'index')) {
          const inst = this.instanceOf(v);
          if (inst) {
            this.sensitiveTo('alias-copies');
            if (this.believes('alias-copies')) v = this.copyInstance(inst);
          }
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
        this.ownItems(l.id).push(v);
        return;
      }
      case 'clear': {
        const l = this.listOf(this.eval(s.list, locals));
        for (const v of l.items) this.noteDrop(v);
        this.ownItems(l.id).length = 0;
        return;
      }
      case 'del-name': {
        const v = locals?.[s.name] ?? this.globals[s.name];
        if (v === undefined) throw new ObjectsError('NameError', `name '${s.name}' is not defined`);
        if (locals && s.name in locals) delete locals[s.name];
        else {
          this.noteDrop(v);
          this.deleteGlobal(s.name);
        }
        const inst = this.instanceOf(v);
        if (inst && !this.destroyed.includes(inst.id)) {
          this.sensitiveTo('del-destroys');
          if (this.believes('del-destroys')) {
            this.destroyed = [...this.destroyed, inst.id];
            this.runDel(inst);
          }
        }
        return;
      }
      case 'del-attr':
        this.delAttr(this.eval(s.target, locals), s.attr);
        return;
      case 'print': {
        const text = strOf(this.heap, this.eval(s.expr, locals));
        if (!this.outputOwned) {
          this.output = this.output.slice();
          this.outputOwned = true;
        }
        this.output.push(text);
        this.printed = text;
        return;
      }
    }
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
    if (this.believes('never-freed')) return;
    const heap = this.heap;
    const reach = reachMarks(heap, this.globals);
    const garbage: HeapObject[] = [];
    for (const o of heap) if (o !== null && reach[o.id] === 0) garbage.push(o);
    if (garbage.length === 0) return;
    this.sensitiveTo('never-freed');
    // Order: objects no other garbage refers to first, then what they held, breadth-first.
    const heldByGarbage = new Uint8Array(heap.length);
    for (const g of garbage) for (const r of refsOf(g)) heldByGarbage[r] = 1;
    const queued = new Uint8Array(heap.length);
    const order: HeapObject[] = [];
    for (const g of garbage) {
      if (heldByGarbage[g.id] === 0) {
        queued[g.id] = 1;
        order.push(g);
      }
    }
    for (let next = 0; next < order.length; next++) {
      for (const r of refsOf(order[next] as HeapObject)) {
        const o = heap[r];
        if (o && reach[r] === 0 && queued[r] === 0) {
          queued[r] = 1;
          order.push(o);
        }
      }
    }
    for (const g of garbage) if (queued[g.id] === 0) order.push(g); // (cycles: never in scenarios)
    for (const g of order) {
      if (g.kind === 'instance') {
        if (!this.destroyed.includes(g.id)) this.runDel(g);
        this.freed.push(g.id);
        this.freedLabels.push(objectLabel(this.heap, g.id));
      }
    }
    const out = this.writableHeap();
    for (const g of order) out[g.id] = null;
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

/** Python's `is` for the values modelled: the same heap object, or (ints, strs, bools, None) the same value. */
export function identical(l: Value, r: Value): boolean {
  if (l.t === 'ref' || r.t === 'ref') return l.t === 'ref' && r.t === 'ref' && l.id === r.id;
  if (l.t === 'none' || r.t === 'none') return l.t === r.t;
  return l.t === r.t && l.v === r.v;
}

/** Heap ids an object refers to directly. */
export function refsOf(o: HeapObject): number[] {
  const out: number[] = [];
  if (o.kind === 'list') {
    for (const v of o.items) if (v.t === 'ref') out.push(v.id);
    return out;
  }
  for (const k in o.dict) {
    const v = o.dict[k] as Value;
    if (v.t === 'ref') out.push(v.id);
  }
  if (o.kind === 'instance') out.push(o.cls);
  else if (o.base !== null) out.push(o.base);
  return out;
}

/** Marks (1) the heap ids reachable from the module's names. */
function reachMarks(heap: readonly (HeapObject | null)[], globals: Readonly<Record<string, Value>>): Uint8Array {
  const seen = new Uint8Array(heap.length);
  const stack: number[] = [];
  for (const k in globals) {
    const v = globals[k] as Value;
    if (v.t === 'ref') stack.push(v.id);
  }
  while (stack.length > 0) {
    const id = stack.pop() as number;
    const o = heap[id];
    if (seen[id] === 1 || !o) continue;
    seen[id] = 1;
    for (const r of refsOf(o)) if (seen[r] === 0) stack.push(r);
  }
  return seen;
}

/** Ids reachable from the module's names. */
export function reachable(heap: readonly (HeapObject | null)[], globals: Readonly<Record<string, Value>>): Set<number> {
  const marks = reachMarks(heap, globals);
  const out = new Set<number>();
  marks.forEach((m, id) => {
    if (m === 1) out.add(id);
  });
  return out;
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

const EMPTY: ObjState = { heap: [], globals: {}, instanceSerial: 0, listSerial: 0, destroyed: [], output: [] };

/** The state before the first module statement: every class defined, its attributes set. */
export function initialState(program: ObjectProgram, beliefs: Beliefs = NO_BELIEFS): ObjState {
  const m = new Machine(program.classes, EMPTY, beliefs);
  for (const spec of program.classes) {
    const base = spec.base === null ? null : m.classByName(spec.base).id;
    const id = m.heap.length;
    m.alloc<ClassObject>({ kind: 'class', id, name: spec.name, base, dict: {} });
    m.setGlobal(spec.name, { t: 'ref', id });
    for (const a of spec.attrs) {
      const v = m.eval(a.value, null);
      m.ownDict(id)[a.name] = v;
    }
  }
  return m.freeze();
}

/** Runs `stmt` as module statement `index` on `state` (see `step`). */
function stepStmt(classes: readonly ClassSpec[], state: ObjState, stmt: Stmt, index: number, beliefs: Beliefs): StepResult {
  const m = new Machine(classes, state, beliefs);
  const before = m.heap.length;
  m.exec(stmt, null);
  // Garbage is only possible if a reference was overwritten or removed, or something was allocated.
  if (m.dropped || m.heap.length !== before) m.collect();
  const trace: StepTrace = {
    index,
    created: m.created,
    freed: m.freed,
    createdLabels: m.createdLabels,
    freedLabels: m.freedLabels,
    ...(m.printed === undefined ? {} : { printed: m.printed }),
  };
  return { state: m.freeze(), trace, sensitive: m.sensitive };
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
  const { state: next, trace } = stepStmt(program.classes, state, stmt, index, beliefs);
  return { state: next, trace };
}

export interface ObjRun {
  readonly program: ObjectProgram;
  readonly initial: ObjState;
  /** `states[i]`: the state right after module statement i. */
  readonly states: readonly ObjState[];
  readonly trace: readonly StepTrace[];
}

/**
 * A program's run under no misbelief, as far as it goes without a Python error (all of
 * it, for the programs the generators keep), with what each step was sensitive to: the
 * run every misbelief run of the program starts from (`runFrom`).
 */
export interface BaseRun {
  readonly program: ObjectProgram;
  readonly initial: ObjState;
  readonly states: readonly ObjState[];
  readonly trace: readonly StepTrace[];
  /** Per statement, the misbeliefs (bits) that could have changed it (`StepResult.sensitive`). */
  readonly sensitive: readonly number[];
}

/** Runs `program` under no misbelief, up to where Python would raise (see `BaseRun`). */
export function baseRun(program: ObjectProgram): BaseRun {
  // The classes' initial state does not depend on any misbelief.
  const initial = initialState(program);
  const states: ObjState[] = [];
  const trace: StepTrace[] = [];
  const sensitive: number[] = [];
  let s = initial;
  try {
    for (let i = 0; i < program.body.length; i++) {
      const r = stepStmt(program.classes, s, program.body[i] as Stmt, i, NO_BELIEFS);
      s = r.state;
      states.push(s);
      trace.push(r.trace);
      sensitive.push(r.sensitive);
    }
  } catch (e) {
    // The run stops where Python would raise; `runFrom` re-raises it for whoever asks for more.
    if (!(e instanceof ObjectsError)) throw e;
  }
  return { program, initial, states, trace, sensitive };
}

/**
 * Runs the first `length` module statements (all by default) of the program of `base`
 * under `beliefs`. Throws `ObjectsError` where Python would raise.
 *
 * A misbelief run shares the real run's states up to the first statement whose execution
 * consulted one of the misbeliefs at a decision it would have changed (`StepResult.sensitive`):
 * before that statement the two runs take the same path through the interpreter, so they
 * reach the same states. From there on it is run under the misbeliefs. So the k misbelief
 * runs a question asks for cost the real run plus only the statements each could change,
 * not k whole runs (tests/unit/sim/objects/invariants.test.ts checks that both agree).
 */
export function runFrom(base: BaseRun, beliefs: Beliefs = NO_BELIEFS, length = base.program.body.length): ObjRun {
  const program = base.program;
  if (!Number.isInteger(length) || length < 0 || length > program.body.length) throw new RangeError(`no prefix of length ${length}`);
  const mask = beliefMask(beliefs);
  let shared = 0;
  while (shared < length && shared < base.states.length && ((base.sensitive[shared] as number) & mask) === 0) shared++;
  const states = base.states.slice(0, shared);
  const trace = base.trace.slice(0, shared);
  let s = shared > 0 ? (states[shared - 1] as ObjState) : base.initial;
  for (let i = shared; i < length; i++) {
    const r = stepStmt(program.classes, s, program.body[i] as Stmt, i, beliefs);
    s = r.state;
    states.push(s);
    trace.push(r.trace);
  }
  return { program, initial: base.initial, states, trace };
}

/** Runs the first `length` module statements (all by default) of `program` under `beliefs` (see `runFrom`). */
export function run(program: ObjectProgram, beliefs: Beliefs = NO_BELIEFS, length = program.body.length): ObjRun {
  return runFrom(baseRun(program), beliefs, length);
}

/** Like `runFrom`, but returns null instead of throwing when the program (under a misbelief) would raise. */
export function tryRunFrom(base: BaseRun, beliefs: Beliefs = NO_BELIEFS, length = base.program.body.length): ObjRun | null {
  try {
    return runFrom(base, beliefs, length);
  } catch (e) {
    if (e instanceof ObjectsError) return null;
    throw e;
  }
}

/** Like `run`, but returns null instead of throwing when the program (under a misbelief) would raise. */
export function tryRun(program: ObjectProgram, beliefs: Beliefs = NO_BELIEFS, length = program.body.length): ObjRun | null {
  return tryRunFrom(baseRun(program), beliefs, length);
}

/**
 * A program grown one statement at a time, as the generators' random walks build them:
 * each statement offered is run on the state so far and kept only if Python would not
 * raise and `accept` agrees. The states are kept as they are computed: `baseRun()` hands
 * them on, so the finished program is not run again.
 */
export class ProgramBuilder {
  private readonly body: Stmt[] = [];
  private readonly states: ObjState[] = [];
  private readonly trace: StepTrace[] = [];
  private readonly sensitive: number[] = [];
  private readonly initial: ObjState;

  /** `initial`: the classes' initial state, when already known (`continuing` takes it from a run). */
  constructor(
    readonly classes: readonly ClassSpec[],
    initial?: ObjState,
  ) {
    this.initial = initial ?? initialState({ classes, body: [] });
  }

  /**
   * A builder holding the first `length` statements of a program with their run (taken from
   * the program's real run, not repeated), to go on with other statements.
   */
  static continuing(base: BaseRun, length: number): ProgramBuilder {
    const program = base.program;
    if (length > base.states.length) throw new RangeError(`the program raises before statement ${length}`);
    const b = new ProgramBuilder(program.classes, base.initial);
    for (let i = 0; i < length; i++) {
      b.body.push(program.body[i] as Stmt);
      b.states.push(base.states[i] as ObjState);
      b.trace.push(base.trace[i] as StepTrace);
      b.sensitive.push(base.sensitive[i] as number);
    }
    return b;
  }

  /** Statements kept so far. */
  get length(): number {
    return this.body.length;
  }

  /** The last statement kept, if any. */
  get last(): Stmt | undefined {
    return this.body[this.body.length - 1];
  }

  /** The state after the statements kept so far. */
  get state(): ObjState {
    return this.states[this.states.length - 1] ?? this.initial;
  }

  /** Runs `stmt` next; keeps it (true) unless Python would raise or `accept` refuses the state it leads to. */
  append(stmt: Stmt, accept: (stmt: Stmt, next: ObjState) => boolean): boolean {
    let r: StepResult;
    try {
      r = stepStmt(this.classes, this.state, stmt, this.body.length, NO_BELIEFS);
    } catch (e) {
      if (e instanceof ObjectsError) return false;
      throw e;
    }
    if (!accept(stmt, r.state)) return false;
    this.body.push(stmt);
    this.states.push(r.state);
    this.trace.push(r.trace);
    this.sensitive.push(r.sensitive);
    return true;
  }

  /** The program built so far (a new object) with its real run, recorded while it was built. */
  baseRun(): BaseRun {
    return {
      program: { classes: this.classes, body: this.body.slice() },
      initial: this.initial,
      states: this.states.slice(),
      trace: this.trace.slice(),
      sensitive: this.sensitive.slice(),
    };
  }
}

// ------------------------------------------------------------------ queries on a state

/** Live instances whose class is `cls` or a subclass of it (those a misbelief destroyed excluded). */
export function liveInstances(state: ObjState, cls: string): InstanceObject[] {
  const clsId = classId(state, cls);
  const out: InstanceObject[] = [];
  for (const o of state.heap) {
    if (o === null || o.kind !== 'instance' || state.destroyed.includes(o.id)) continue;
    let cur: number | null = o.cls;
    while (cur !== null && cur !== clsId) {
      const c: HeapObject | null | undefined = state.heap[cur];
      cur = c && c.kind === 'class' ? c.base : null;
    }
    if (cur === clsId) out.push(o);
  }
  return out;
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
  return new Machine(program.classes, state, beliefs).eval(e, null);
}

/**
 * `evalIn` under no misbelief, with the misbeliefs that could change the value: those that
 * would have taken one of its decisions differently (`sensitive`, a set of misbeliefs as
 * bits). Under misbeliefs none of which is in it (`dependsOn` is false), `evalIn` in the
 * same state gives the same value.
 */
export function evalTracked(program: ObjectProgram, state: ObjState, e: Expr): { value: Value; sensitive: number } {
  const m = new Machine(program.classes, state, NO_BELIEFS);
  const value = m.eval(e, null);
  return { value, sensitive: m.sensitive };
}

/** Whether any of `beliefs` is among the misbeliefs `sensitive` (from `evalTracked`) lists. */
export function dependsOn(sensitive: number, beliefs: Beliefs): boolean {
  return (sensitive & beliefMask(beliefs)) !== 0;
}

/** Whether a reference cycle runs through heap object `id` (colours: 1 on the path, 2 done). */
function cycleFrom(heap: readonly (HeapObject | null)[], id: number, colour: Uint8Array): boolean {
  const o = heap[id];
  if (!o || o.kind === 'class') return false;
  if (colour[id] === 1) return true;
  if (colour[id] === 2) return false;
  colour[id] = 1;
  for (const r of refsOf(o)) if (cycleFrom(heap, r, colour)) return true;
  colour[id] = 2;
  return false;
}

/** Whether the heap holds a reference cycle through instances or lists (scenarios must not). */
export function hasCycle(state: ObjState): boolean {
  const colour = new Uint8Array(state.heap.length);
  for (const o of state.heap) if (o !== null && o.kind !== 'class' && cycleFrom(state.heap, o.id, colour)) return true;
  return false;
}
