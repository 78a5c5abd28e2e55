package org.samdp.adversaries.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThreeStateSummaryTest {
  private final ThreeStateSummary summary = ThreeStateSummary.compute();

  @Test
  void holdsTheFourPoliciesOfTheText() {
    List<ThreeStateSummary.Row> rows = summary.rows();
    assertEquals(4, rows.size());
    assertEquals("MDP-optimal (p11=0 p21=1 p31=1)", rows.get(0).policy());
    assertEquals(100.0, rows.get(0).values().get(0), 1e-9);
    assertEquals(0.0, rows.get(0).adversarialValues().get(2), 1e-7);
    assertEquals(50.0, rows.get(1).adversarialValues().get(1), 1e-7);
    assertEquals(0.0, rows.get(2).adversarialValues().get(0), 1e-7);
    assertEquals(100.0, rows.get(2).adversarialValues().get(1), 1e-7);
    assertEquals(33.67, rows.get(3).adversarialValues().get(0), 0.005);
  }

  @Test
  void printsOneLinePerPolicyWithTwoDecimals() {
    String table = summary.table();
    List<String> lines = table.lines().toList();
    assertEquals(7, lines.size(), table);
    assertTrue(lines.get(3).matches("MDP-optimal \\(p11=0 p21=1 p31=1\\) +100\\.00 +100\\.00 +100\\.00 +0\\.00 +0\\.00 "
        + "+0\\.00"), lines.get(3));
    assertTrue(lines.get(4).matches("stochastic \\(p_i1=0\\.5\\)( +50\\.00){6}"), lines.get(4));
    assertTrue(lines.get(5).matches("always A1 \\(p_i1=1\\)( +0\\.00 +100\\.00 +100\\.00){2}"), lines.get(5));
    assertTrue(lines.get(6).matches("always A2 \\(p_i1=0\\)( +33\\.67 +33\\.00 +33\\.33){2}"), lines.get(6));
  }
}
