package org.samdp.experiments.torch;

import java.math.BigInteger;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A pickle machine for the binary protocols (2 to 5) that {@code torch.save} writes. Python values become Java ones:
 * {@code None} null, bool {@link Boolean}, int {@link Long} (or {@link BigInteger}), float {@link Double}, str
 * {@link String}, bytes {@code byte[]}, tuple an unmodifiable {@link List}, list an {@link ArrayList}, dict and
 * {@code OrderedDict} a {@link LinkedHashMap}, set a {@link LinkedHashSet}. A few callables are known (tensors,
 * numpy arrays, dtypes and scalars under both numpy module paths, {@code _codecs.encode}); any other class or function
 * becomes an opaque {@link PyObject}, so that pickled envs and random states are kept, never an error.
 *
 * <p>Written for samdp rather than taken from a library: the checkpoints hold classes no Java library knows (old gym
 * envs, numpy random states called with arguments), which general unpicklers refuse unless each is registered
 * beforehand in a process-wide table.
 */
public final class Unpickler {
  /** Turns a persistent id (torch: a tuple naming a storage) into the object it stands for. */
  @FunctionalInterface
  public interface PersistentLoader {
    Object load(Object pid);
  }

  /** The callables this machine knows, by {@code module.name}. */
  private static final Map<String, Function<List<Object>, Object>> KNOWN = known();
  private static final Object MARK = new Object();

  private final ByteBuffer in;
  private final PersistentLoader persistent;
  private final List<Object> stack = new ArrayList<>();
  private final Deque<Integer> marks = new ArrayDeque<>();
  private final Map<Long, Object> memo = new HashMap<>();

  /**
   * A machine reading {@code in} from its position on.
   *
   * @param persistent resolves persistent ids, or null if the pickles may have none
   */
  public Unpickler(ByteBuffer in, PersistentLoader persistent) {
    this.in = in.order(ByteOrder.LITTLE_ENDIAN);
    this.persistent = persistent;
  }

  /** The callables whose results samdp reads; everything else is a {@link PyObject}. */
  private static Map<String, Function<List<Object>, Object>> known() {
    Map<String, Function<List<Object>, Object>> known = new HashMap<>();
    known.put("collections.OrderedDict", args -> new LinkedHashMap<>());
    known.put("torch._utils._rebuild_tensor_v2", Unpickler::rebuildTensor);
    known.put("torch._utils._rebuild_tensor", Unpickler::rebuildTensor);
    known.put("torch._utils._rebuild_parameter", args -> args.get(0));
    known.put("_codecs.encode", Unpickler::encode);
    for (String numpy : List.of("numpy.core.multiarray", "numpy._core.multiarray")) {
      known.put(numpy + "._reconstruct", args -> new NumpyArray());
      known.put(numpy + ".scalar", args -> new NumpyScalar((NumpyDType) args.get(0), args.get(1)));
    }
    known.put("numpy.dtype", args -> new NumpyDType((String) args.get(0)));
    return Map.copyOf(known);
  }

  /** {@code _rebuild_tensor_v2(storage, offset, size, stride, ...)}. */
  private static Object rebuildTensor(List<Object> args) {
    if (args.size() < 4 || !(args.get(0) instanceof Storage storage)) {
      throw new IllegalArgumentException("a tensor is pickled without its storage");
    }
    return new Tensor(storage, ((Number) args.get(1)).longValue(), longs(args.get(2)), longs(args.get(3)));
  }

  private static long[] longs(Object tuple) {
    return ((List<?>) tuple).stream().mapToLong(v -> ((Number) v).longValue()).toArray();
  }

  /** {@code _codecs.encode(text, 'latin1')}: how protocol 2 pickles bytes. */
  private static Object encode(List<Object> args) {
    String encoding = args.size() > 1 ? String.valueOf(args.get(1)).toLowerCase().replace("-", "") : "utf8";
    return ((String) args.get(0)).getBytes(encoding.equals("latin1") || encoding.equals("iso88591")
        ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
  }

  /**
   * Reads one pickle, up to and including its {@code STOP}.
   *
   * @throws IllegalArgumentException if it is malformed, ends early or uses an opcode this machine lacks
   */
  public Object load() {
    stack.clear();
    marks.clear();
    memo.clear();
    try {
      while (true) {
        int position = in.position();
        int opcode = in.get() & 0xff;
        if (opcode == '.') {
          return pop();
        }
        step(opcode, position);
      }
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("the pickle ends early at byte " + in.position() + "; the file is truncated",
          e);
    } catch (ClassCastException | IndexOutOfBoundsException | NullPointerException e) {
      throw new IllegalArgumentException("the pickle is malformed near byte " + in.position() + " (" + e.getMessage()
          + ")", e);
    }
  }

  private void step(int opcode, int position) {
    switch (opcode) {
      case 0x80 -> in.get(); // PROTO
      case 0x95 -> in.getLong(); // FRAME: a length hint only
      case '(' -> { // MARK
        marks.push(stack.size());
        stack.add(MARK);
      }
      case '0' -> pop(); // POP
      case '1' -> popMark(); // POP_MARK
      case '2' -> stack.add(top()); // DUP
      case 'N' -> stack.add(null);
      case 0x88 -> stack.add(Boolean.TRUE);
      case 0x89 -> stack.add(Boolean.FALSE);
      case 'J' -> stack.add((long) in.getInt()); // BININT
      case 'K' -> stack.add((long) (in.get() & 0xff)); // BININT1
      case 'M' -> stack.add((long) (in.getShort() & 0xffff)); // BININT2
      case 0x8a -> stack.add(longInteger(in.get() & 0xff)); // LONG1
      case 0x8b -> stack.add(longInteger(in.getInt())); // LONG4
      case 'G' -> stack.add(Double.longBitsToDouble(Long.reverseBytes(in.getLong()))); // BINFLOAT: big-endian
      case 'X' -> stack.add(text(in.getInt(), StandardCharsets.UTF_8)); // BINUNICODE
      case 0x8c -> stack.add(text(in.get() & 0xff, StandardCharsets.UTF_8)); // SHORT_BINUNICODE
      case 0x8d -> stack.add(text(length(in.getLong()), StandardCharsets.UTF_8)); // BINUNICODE8
      case 'T' -> stack.add(text(in.getInt(), StandardCharsets.ISO_8859_1)); // BINSTRING (Python 2 str)
      case 'U' -> stack.add(text(in.get() & 0xff, StandardCharsets.ISO_8859_1)); // SHORT_BINSTRING
      case 'B' -> stack.add(bytes(in.getInt())); // BINBYTES
      case 'C' -> stack.add(bytes(in.get() & 0xff)); // SHORT_BINBYTES
      case 0x8e, 0x96 -> stack.add(bytes(length(in.getLong()))); // BINBYTES8, BYTEARRAY8
      case ')' -> stack.add(List.of()); // EMPTY_TUPLE
      case 0x85, 0x86, 0x87 -> { // TUPLE1, TUPLE2, TUPLE3
        int n = opcode - 0x84;
        List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
        stack.subList(stack.size() - n, stack.size()).clear();
        stack.add(Collections.unmodifiableList(items));
      }
      case 't' -> stack.add(Collections.unmodifiableList(popMark())); // TUPLE
      case ']' -> stack.add(new ArrayList<>()); // EMPTY_LIST
      case 'l' -> stack.add(new ArrayList<>(popMark())); // LIST
      case 'a' -> { // APPEND
        Object item = pop();
        list(top()).add(item);
      }
      case 'e' -> { // APPENDS
        List<Object> items = popMark();
        list(top()).addAll(items);
      }
      case '}' -> stack.add(new LinkedHashMap<>()); // EMPTY_DICT
      case 'd' -> { // DICT
        Map<Object, Object> dict = new LinkedHashMap<>();
        putPairs(dict, popMark());
        stack.add(dict);
      }
      case 's' -> { // SETITEM
        Object value = pop();
        Object key = pop();
        dict(top()).put(key, value);
      }
      case 'u' -> { // SETITEMS
        List<Object> pairs = popMark();
        putPairs(dict(top()), pairs);
      }
      case 0x8f -> stack.add(new LinkedHashSet<>()); // EMPTY_SET
      case 0x90 -> { // ADDITEMS
        List<Object> items = popMark();
        set(top()).addAll(items);
      }
      case 0x91 -> stack.add(Collections.unmodifiableSet(new LinkedHashSet<>(popMark()))); // FROZENSET
      case 'q' -> memo.put((long) (in.get() & 0xff), top()); // BINPUT
      case 'r' -> memo.put(Integer.toUnsignedLong(in.getInt()), top()); // LONG_BINPUT
      case 0x94 -> memo.put((long) memo.size(), top()); // MEMOIZE
      case 'h' -> stack.add(memoized(in.get() & 0xff)); // BINGET
      case 'j' -> stack.add(memoized(Integer.toUnsignedLong(in.getInt()))); // LONG_BINGET
      case 'c' -> stack.add(global(line(), line())); // GLOBAL
      case 0x93 -> { // STACK_GLOBAL
        String name = (String) pop();
        stack.add(global((String) pop(), name));
      }
      case 'R' -> { // REDUCE
        List<Object> args = tuple(pop());
        stack.add(call(pop(), args));
      }
      case 0x81 -> { // NEWOBJ: cls.__new__(cls, *args)
        List<Object> args = tuple(pop());
        stack.add(call(pop(), args));
      }
      case 0x92 -> { // NEWOBJ_EX: keyword arguments are dropped with the object's construction
        pop();
        List<Object> args = tuple(pop());
        stack.add(call(pop(), args));
      }
      case 'b' -> build(pop(), top()); // BUILD
      case 'Q' -> stack.add(persistentLoad(pop())); // BINPERSID
      default -> throw new IllegalArgumentException(String.format("unsupported pickle opcode 0x%02x at byte %d",
          opcode, position));
    }
  }

  /** A global that a pickle names: a known callable, or a placeholder that makes {@link PyObject}s. */
  private static Object global(String module, String name) {
    Function<List<Object>, Object> known = KNOWN.get(module + "." + name);
    return known != null ? known : new PyGlobal(module, name);
  }

  @SuppressWarnings("unchecked")
  private static Object call(Object callable, List<Object> args) {
    if (callable instanceof Function<?, ?> known) {
      return ((Function<List<Object>, Object>) known).apply(args);
    }
    if (callable instanceof PyGlobal global) {
      return new PyObject(global.module(), global.name(), args);
    }
    throw new IllegalArgumentException("the pickle calls a " + typeName(callable) + ", which is not callable");
  }

  /** {@code BUILD}: objects that keep a state get it; the attributes of dicts and other values are dropped. */
  private static void build(Object state, Object target) {
    if (target instanceof PyObject object) {
      object.build(state);
    } else if (target instanceof NumpyArray array) {
      array.build(state);
    } else if (target instanceof NumpyDType dtype) {
      dtype.build(state);
    }
  }

  private Object persistentLoad(Object pid) {
    if (persistent == null) {
      throw new IllegalArgumentException("the pickle refers to external data (a persistent id) where none may be");
    }
    return persistent.load(pid);
  }

  private Object longInteger(int length) {
    byte[] littleEndian = bytes(length);
    if (length == 0) {
      return 0L;
    }
    byte[] bigEndian = new byte[length];
    for (int i = 0; i < length; i++) {
      bigEndian[i] = littleEndian[length - 1 - i];
    }
    BigInteger value = new BigInteger(bigEndian);
    return value.bitLength() < Long.SIZE ? (Object) value.longValue() : value;
  }

  private static int length(long length) {
    if (length < 0 || length > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a pickled value claims " + length + " bytes");
    }
    return (int) length;
  }

  private byte[] bytes(int length) {
    if (length < 0 || length > in.remaining()) {
      throw new BufferUnderflowException();
    }
    byte[] bytes = new byte[length];
    in.get(bytes);
    return bytes;
  }

  private String text(int length, java.nio.charset.Charset charset) {
    return new String(bytes(length), charset);
  }

  /** A newline-terminated ASCII line (GLOBAL's module and name). */
  private String line() {
    StringBuilder line = new StringBuilder();
    for (byte b = in.get(); b != '\n'; b = in.get()) {
      line.append((char) (b & 0xff));
    }
    return line.toString();
  }

  private Object memoized(long index) {
    if (!memo.containsKey(index)) {
      throw new IllegalArgumentException("the pickle reads memo entry " + index + ", which was never stored");
    }
    return memo.get(index);
  }

  private Object top() {
    Object top = stack.get(stack.size() - 1);
    if (top == MARK) {
      throw new IllegalArgumentException("the pickle uses a mark as a value");
    }
    return top;
  }

  private Object pop() {
    Object value = top();
    stack.remove(stack.size() - 1);
    return value;
  }

  /** The items above the latest mark, removing them and the mark. */
  private List<Object> popMark() {
    if (marks.isEmpty()) {
      throw new IllegalArgumentException("the pickle closes a mark it never set");
    }
    int mark = marks.pop();
    List<Object> items = new ArrayList<>(stack.subList(mark + 1, stack.size()));
    stack.subList(mark, stack.size()).clear();
    return items;
  }

  private static void putPairs(Map<Object, Object> dict, List<Object> pairs) {
    for (int i = 0; i + 1 < pairs.size(); i += 2) {
      dict.put(pairs.get(i), pairs.get(i + 1));
    }
  }

  /** The list APPEND adds to: a list, or the items of an unknown list-like object. */
  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    if (value instanceof PyObject object) {
      return object.listItems();
    }
    if (value instanceof List<?>) {
      return (List<Object>) value;
    }
    throw new IllegalArgumentException("the pickle appends to a " + typeName(value) + ", not to a list");
  }

  /** The dict SETITEM adds to: a dict, or the items of an unknown dict-like object (a defaultdict). */
  @SuppressWarnings("unchecked")
  private static Map<Object, Object> dict(Object value) {
    if (value instanceof PyObject object) {
      return object.dictItems();
    }
    if (value instanceof Map<?, ?>) {
      return (Map<Object, Object>) value;
    }
    throw new IllegalArgumentException("the pickle sets an item of a " + typeName(value) + ", not of a dict");
  }

  @SuppressWarnings("unchecked")
  private static Set<Object> set(Object value) {
    return (Set<Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> tuple(Object value) {
    if (value instanceof List<?>) {
      return (List<Object>) value;
    }
    throw new IllegalArgumentException("the pickle passes a " + typeName(value) + " where arguments belong");
  }

  /** A value's type as a message names it. */
  static String typeName(Object value) {
    return value == null ? "None" : value instanceof PyObject object ? object.qualifiedName()
        : value.getClass().getSimpleName();
  }
}
