package org.samdp.envs.spaces;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link Box} sampling against Gymnasium 1.3.0 (numpy 2.4.6): each expected row is {@code box.seed(s)} then
 * successive {@code box.sample()} calls on the Gymnasium box named in the comment, printed with {@code repr} (float32
 * samples as the shortest float32 literal). Membership follows spec section C.2 as far as a {@code double[]} can
 * express it.
 */
class BoxSpaceTest {
  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void boundedFloat32() {
    // Box(low=np.array([-1, -2.5, 0], np.float32), high=np.array([1, 2.5, 10], np.float32), dtype=np.float32), seed 42
    Box box = new Box(new double[] {-1, -2.5, 0}, new double[] {1, 2.5, 10}, DType.FLOAT32);
    box.seed(42);
    assertArrayEquals(new double[] {0.5479121f, -0.3056078f, 8.585979f}, box.sample());
    assertArrayEquals(new double[] {0.39473605f, -2.0291133f, 9.756224f}, box.sample());
    assertArrayEquals(new double[] {0.5222794f, 1.4303216f, 1.2811363f}, box.sample());
  }

  /**
   * Unbounded, lower-bounded, upper-bounded and bounded coordinates interleaved, so the draw order (all normals, then
   * low + Exp, then high − Exp, then uniforms, each in row-major order) shows.
   */
  @Test
  void mixedBoundsFloat32() {
    // lo = np.array([[-inf, 0, -inf], [-1, 2, -inf]]); hi = np.array([[inf, inf, 3], [1, inf, inf]])
    // Box(lo.astype(np.float32), hi.astype(np.float32), dtype=np.float32), seed 7
    Box box = mixedBox(DType.FLOAT32);
    box.seed(7);
    assertArrayEquals(new double[] {0.0012301534f, 0.5685487f, 2.7934673f, 0.7471069f, 2.89511f, 0.29874554f},
        box.sample());
    assertArrayEquals(new double[] {0.0601436f, 0.57533276f, 2.4588642f, -0.44314876f, 2.300534f, 1.3402152f},
        box.sample());
    assertArrayEquals(new double[] {0.10541425f, 1.88425f, -0.14467332f, 0.9779203f, 2.2220712f, -0.930468f},
        box.sample());
  }

  @Test
  void mixedBoundsFloat64() {
    // Box(lo, hi, dtype=np.float64) with lo, hi as above, seed 7
    Box box = mixedBox(DType.FLOAT64);
    box.seed(7);
    assertArrayEquals(new double[] {0.0012301533574825742, 0.5685486573832514, 2.7934672459834946,
        0.7471068907925238, 2.895109863595163, 0.2987455375084699}, box.sample());
    assertArrayEquals(new double[] {0.060143602597438485, 0.5753327563498637, 2.4588641058117884,
        -0.44314877579845335, 2.3005340125548543, 1.3402152455545335}, box.sample());
    assertArrayEquals(new double[] {0.10541424899789856, 1.8842500515159506, -0.14467331806990602,
        0.9779202953637698, 2.222071262382508, -0.9304680447082047}, box.sample());
  }

  /** An integer box samples a coordinate given as ±inf as unbounded, though its bound is the dtype's limit. */
  @Test
  void mixedBoundsInt32() {
    // Box(low=np.array([-inf, 0, -inf, -3]), high=np.array([inf, inf, 4, 3]), dtype=np.int32), seed 0
    Box box = new Box(new double[] {-INF, 0, -INF, -3}, new double[] {INF, INF, 4, 3}, DType.INT32);
    box.seed(0);
    assertArrayEquals(new double[] {0, 1, 4, -3}, box.sample());
    assertArrayEquals(new double[] {-1, 1, 4, 2}, box.sample());
    assertArrayEquals(new double[] {-1, 6, 1, -3}, box.sample());
    assertArrayEquals(new double[] {-3, 0, 3, -2}, box.sample());
    assertArrayEquals(new double[] {-1, 0, 4, -1}, box.sample());
    assertFalse(box.isBounded());
    assertArrayEquals(new double[] {Integer.MIN_VALUE, 0, Integer.MIN_VALUE, -3}, box.low());
  }

  /** Gymnasium clips signed integer samples two short of the dtype's range, even out of the box's own bounds. */
  @Test
  void signedIntegerSamplesStayTwoInsideTheDtype() {
    // Box(low=np.array([2147483646.0, -inf]), high=np.array([inf, -2147483647.0]), dtype=np.int32), seed 0
    Box box = new Box(new double[] {2147483646.0, -INF}, new double[] {INF, -2147483647.0}, DType.INT32);
    box.seed(0);
    assertArrayEquals(new double[] {2147483645, -2147483646}, box.sample());
    assertFalse(box.contains(box.sample()));
  }

  @Test
  void boundedUint8AndInt64() {
    // Box(0, 255, (2, 3), np.uint8), seed 3
    Box image = Box.uniform(0, 255, new int[] {2, 3}, DType.UINT8);
    image.seed(3);
    assertArrayEquals(new double[] {21, 60, 205, 149, 24, 110}, image.sample());
    assertArrayEquals(new double[] {122, 40, 188, 29, 100, 132}, image.sample());
    assertTrue(image.isBounded());

    // Box(-5, 5, (4,), np.int64), seed 1
    Box ints = Box.uniform(-5, 5, new int[] {4}, DType.INT64);
    ints.seed(1);
    assertArrayEquals(new double[] {0, 5, -4, 5}, ints.sample());
    assertArrayEquals(new double[] {-2, -1, 4, -1}, ints.sample());
  }

  @Test
  void float32BoxContainsOnlyFloat32Values() {
    Box box = Box.uniform(-1, 1, new int[] {3}, DType.FLOAT32);
    assertTrue(box.contains(new double[] {0.5, -1, 1}), "bounds are inclusive");
    assertTrue(box.contains(new double[] {0.1f, 0, 0}));
    assertFalse(box.contains(new double[] {0.1, 0, 0}), "0.1 is a float64 value, not a float32 one");
    assertNotNull(box.violation(new double[] {0.1, 0, 0}));
    assertFalse(box.contains(new double[] {Math.nextUp(1f), 0, 0}));
    assertFalse(box.contains(new double[] {-Math.nextUp(1f), 0, 0}));
    assertFalse(box.contains(new double[] {Double.NaN, 0, 0}));
    assertFalse(box.contains(new double[] {0, 0}), "shape (2,) is not (3,)");
    assertFalse(box.contains(new double[] {0, 0, 0, 0}));
    assertFalse(box.contains(new float[] {0, 0, 0}), "values are double[]");
    assertFalse(box.contains(null));
    // An env accepts any double within bounds as an action, as Gymnasium's envs do float64 actions.
    assertNull(box.actionViolation(new double[] {0.1, 0, 0}));
    assertNotNull(box.actionViolation(new double[] {Double.NaN, 0, 0}));
    assertNotNull(box.actionViolation(new double[] {2, 0, 0}));
  }

  @Test
  void float64AndIntegerBoxMembership() {
    assertTrue(Box.uniform(-1, 1, new int[] {1}, DType.FLOAT64).contains(new double[] {0.1}));
    Box unbounded = Box.uniform(-INF, INF, new int[] {1}, DType.FLOAT64);
    assertTrue(unbounded.contains(new double[] {INF}), "inf <= inf, as in Gymnasium");
    assertFalse(unbounded.contains(new double[] {Double.NaN}));

    Box ints = Box.uniform(0, 5, new int[] {2}, DType.INT64);
    assertTrue(ints.contains(new double[] {2, 5}));
    assertFalse(ints.contains(new double[] {2.5, 0}), "not an integer");
    assertFalse(ints.contains(new double[] {-1, 0}));
    assertFalse(ints.contains(new double[] {6, 0}));
  }

  @Test
  void samplesAreMembers() {
    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
      Box box = mixedBox(dtype);
      box.seed(123);
      for (int i = 0; i < 1000; i++) {
        assertNull(box.violation(box.sample()));
      }
    }
  }

  private static Box mixedBox(DType dtype) {
    return new Box(new double[] {-INF, 0, -INF, -1, 2, -INF}, new double[] {INF, INF, 3, 1, INF, INF},
        new int[] {2, 3}, dtype);
  }
}
