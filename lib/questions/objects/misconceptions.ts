/**
 * Misconceptions about classes, instances, attributes and identity (shared/seed/topics.md,
 * topic 1). Ids are stable: statistics group answers by them.
 */
import type { Misbelief } from '@/lib/sim/objects';
import type { Misconception } from '../types';

const m = (id: string, en: string, ko: string): Misconception => ({ id, text: { en, ko } });

export const objectMisconceptions = {
  aliasCopies: m(
    'objects.alias-copies',
    '`b = a` makes a copy of the object. Assignment binds one more name to the same object: no new instance is created and __init__ does not run.',
    '`b = a`가 객체를 복사한다고 생각함. 대입은 같은 객체에 이름을 하나 더 붙일 뿐입니다. 새 인스턴스가 생기지 않고 __init__도 실행되지 않습니다.',
  ),
  delDestroys: m(
    'objects.del-destroys',
    '`del a` destroys the object. It only removes the name a; the object lives on while another reference (a name, a list item, an attribute) remains.',
    '`del a`가 객체를 파괴한다고 생각함. 이름 a만 지울 뿐이며, 다른 참조(이름, 리스트 항목, 속성)가 남아 있는 동안 객체는 살아 있습니다.',
  ),
  neverFreed: m(
    'objects.live-until-exit',
    'Objects stay alive until the program ends (or until the garbage collector runs some time later). CPython counts references: an object in no reference cycle is freed the moment its last reference goes away, and its __del__ runs then.',
    '객체는 프로그램이 끝날 때까지(또는 나중에 GC가 돌 때까지) 살아 있다고 생각함. CPython은 참조 횟수를 셉니다: 순환 참조가 없는 객체는 마지막 참조가 사라지는 즉시 해제되고, 그때 __del__이 실행됩니다.',
  ),
  counterIsLive: m(
    'objects.counter-counts-live',
    'A counter incremented in __init__ tells how many instances exist now. It counts how many were ever created: nothing decrements it when an instance is freed (unless __del__ does).',
    '__init__에서 늘리는 카운터가 지금 존재하는 인스턴스 수라고 생각함. 지금까지 만들어진 수를 셀 뿐, 인스턴스가 해제될 때 줄어들지 않습니다(__del__에서 줄이지 않는 한).',
  ),
  listCopied: m(
    'objects.class-list-copied',
    'Each instance gets its own copy of a class-level list. `items = []` in the class body runs once: every instance without its own `items` shares that one list, so append() through any of them changes it for all.',
    '클래스 수준 리스트를 인스턴스마다 따로 복사받는다고 생각함. 클래스 본문의 `items = []`는 한 번만 실행됩니다. 자신의 `items`가 없는 모든 인스턴스가 그 리스트 하나를 공유하므로, 어느 인스턴스로 append()해도 모두에게 보입니다.',
  ),
  instanceWriteToClass: m(
    'objects.instance-write-to-class',
    '`self.count += 1` (or `a.count = …`) changes the class attribute. Assigning through an instance creates (or replaces) an attribute of that instance, which shadows the class attribute; the class attribute itself is unchanged.',
    '`self.count += 1`(또는 `a.count = …`)이 클래스 속성을 바꾼다고 생각함. 인스턴스를 통한 대입은 그 인스턴스의 속성을 만들거나 바꾸고, 그것이 클래스 속성을 가립니다. 클래스 속성 자체는 그대로입니다.',
  ),
  classWins: m(
    'objects.class-attr-wins',
    'Changing a class attribute changes it for every instance. An instance that has its own attribute of that name keeps seeing its own: attribute lookup checks the instance __dict__ before the class.',
    '클래스 속성을 바꾸면 모든 인스턴스에서 바뀐다고 생각함. 같은 이름의 자기 속성이 있는 인스턴스는 계속 자기 것을 봅니다. 속성 조회는 클래스보다 인스턴스 __dict__를 먼저 봅니다.',
  ),
  subclassAttrIgnored: m(
    'objects.subclass-attr-ignored',
    'Changing the base class attribute changes it for subclass instances too. A subclass that defines the same class attribute shadows the base one: lookup stops at the first class on the MRO that has it.',
    '부모 클래스 속성을 바꾸면 자식 클래스 인스턴스에서도 바뀐다고 생각함. 같은 이름의 클래스 속성을 정의한 자식 클래스는 부모 것을 가립니다. 조회는 MRO에서 그 속성을 가진 첫 클래스에서 멈춥니다.',
  ),
  isMeansEq: m(
    'objects.is-means-eq',
    '`==` and `is` are the same. `is` tests identity (one and the same object); `==` calls __eq__, which may call two different objects equal.',
    '`==`와 `is`가 같다고 생각함. `is`는 같은 객체인지(동일성)를 보고, `==`는 __eq__를 호출하므로 서로 다른 두 객체를 같다고 할 수 있습니다.',
  ),
  eqComparesFields: m(
    'objects.default-eq-compares-fields',
    'Without __eq__, `==` compares the attributes. The default __eq__ (from object) is identity: two distinct instances are never equal, whatever their attributes.',
    '__eq__가 없어도 `==`가 속성 값을 비교한다고 생각함. 기본 __eq__(object의 것)는 동일성 비교라서, 서로 다른 두 인스턴스는 속성이 같아도 같지 않습니다.',
  ),
  isinstanceExact: m(
    'objects.isinstance-exact',
    'isinstance(x, C) is false for instances of a subclass of C. isinstance follows inheritance (a Leaf is a Node); only `type(x) is C` demands the exact class.',
    'isinstance(x, C)가 C의 자식 클래스 인스턴스에는 거짓이라고 생각함. isinstance는 상속을 따릅니다(Leaf는 Node입니다). 정확한 클래스를 요구하는 것은 `type(x) is C`뿐입니다.',
  ),
  typeIncludesSubclasses: m(
    'objects.type-includes-subclasses',
    '`type(x) is C` is true for instances of subclasses of C. type(x) is the exact class the instance was created from; use isinstance to accept subclasses.',
    '`type(x) is C`가 C의 자식 클래스 인스턴스에도 참이라고 생각함. type(x)는 인스턴스를 만든 바로 그 클래스입니다. 자식 클래스까지 받으려면 isinstance를 씁니다.',
  ),
  ownListShared: m(
    'objects.init-list-shared',
    'A list made in __init__ (`self.tags = []`) is shared by all instances, like a class-level list. __init__ runs once per instance, so each instance gets a new list of its own.',
    '__init__에서 만든 리스트(`self.tags = []`)도 클래스 수준 리스트처럼 모든 인스턴스가 공유한다고 생각함. __init__은 인스턴스마다 실행되므로 각 인스턴스가 자기 새 리스트를 받습니다.',
  ),
  rebindMovesAlias: m(
    'objects.rebind-moves-alias',
    'After `b = a`, assigning a new object to a changes b too. Rebinding a name never affects other names: b still refers to the object a referred to before.',
    '`b = a` 후에 a에 새 객체를 대입하면 b도 바뀐다고 생각함. 이름을 다시 묶어도 다른 이름에는 영향이 없습니다. b는 여전히 a가 전에 가리키던 객체를 가리킵니다.',
  ),
  lookupCopies: m(
    'objects.lookup-copies-attrs',
    "An instance holds its own copy of its class's attributes (and a subclass of its base's), so `'count' in a.__dict__` is True as soon as `a.count` can be read. Reading an attribute only looks it up: first in the object's own __dict__, then in its class and the classes above it. Nothing is copied; an instance gets an attribute of its own only when one is assigned through it (`self.x = …`, `a.x = …`, `a.x += 1`).",
    '인스턴스가 클래스 속성의 복사본을 자기 안에 가진다고(자식 클래스는 부모 클래스 속성의 복사본을 가진다고) 생각함. 그래서 `a.count`를 읽을 수 있으면 `\'count\' in a.__dict__`도 True라고 봅니다. 속성을 읽는 것은 조회일 뿐입니다: 먼저 객체 자신의 __dict__, 다음에 그 클래스와 상위 클래스를 찾습니다. 아무것도 복사되지 않으며, 인스턴스를 통해 대입할 때(`self.x = …`, `a.x = …`, `a.x += 1`)에만 인스턴스 자신의 속성이 생깁니다.',
  ),
  initAttrsOnClass: m(
    'objects.init-attrs-on-class',
    'Attributes set on self in __init__ (`self.value = value`) are declared by the class, so they live in the class __dict__. Each such assignment stores into the instance being initialised: the name is in that instance\'s __dict__, never in the class\'s.',
    '__init__에서 self에 대입한 속성(`self.value = value`)은 클래스가 선언한 것이므로 클래스 __dict__에 있다고 생각함. 그런 대입은 초기화되는 그 인스턴스에 저장합니다. 이름은 그 인스턴스의 __dict__에 있고, 클래스의 __dict__에는 없습니다.',
  ),
  typeOfClass: m(
    'objects.type-of-class',
    'A class is its own type (`type(Box) is Box`), or a class is not an object at all. A class is an object too: an instance of `type`. So `type(Box) is type` and `isinstance(Box, type)` are True, while `type(a) is Box` for an instance a of Box.',
    '클래스의 타입은 자기 자신(`type(Box) is Box`)이라고, 또는 클래스는 객체가 아니라고 생각함. 클래스도 객체이며 `type`의 인스턴스입니다. 그래서 `type(Box) is type` 식과 `isinstance(Box, type)` 식은 True이고, Box의 인스턴스 a에 대해서는 `type(a) is Box`입니다.',
  ),
} as const satisfies Record<string, Misconception>;

/** The misconception a simulator misbelief stands for. */
export const misbeliefMisconception: Readonly<Record<Misbelief, Misconception>> = {
  'alias-copies': objectMisconceptions.aliasCopies,
  'del-destroys': objectMisconceptions.delDestroys,
  'never-freed': objectMisconceptions.neverFreed,
  'list-copied': objectMisconceptions.listCopied,
  'instance-write-to-class': objectMisconceptions.instanceWriteToClass,
  'class-wins': objectMisconceptions.classWins,
  'is-means-eq': objectMisconceptions.isMeansEq,
  'eq-compares-fields': objectMisconceptions.eqComparesFields,
  'isinstance-exact': objectMisconceptions.isinstanceExact,
  'type-includes-subclasses': objectMisconceptions.typeIncludesSubclasses,
};
