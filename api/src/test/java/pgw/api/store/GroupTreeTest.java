package pgw.api.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import pgw.api.GroupingKey;

/** The persistent group tree against a TreeMap model: content, order, balance, persistence. */
class GroupTreeTest {

  private static Group group(String job, int version) {
    GroupingKey key = GroupingKey.of(job, "v", "x");
    return new Group(key, List.of(new StoredFamily(TestMetrics.gauge("m", 1), version)));
  }

  @Test
  void behavesLikeASortedMapUnderRandomWrites() {
    Random random = new Random(7);
    GroupTree tree = GroupTree.EMPTY;
    TreeMap<GroupingKey, Group> model = new TreeMap<>();
    for (int i = 0; i < 3000; i++) {
      Group g = group("j" + random.nextInt(400), i);
      if (random.nextInt(3) == 0) {
        tree = tree.remove(g.key());
        model.remove(g.key());
      } else {
        tree = tree.put(g);
        model.put(g.key(), g);
      }
      assertEquals(model.size(), tree.size());
    }
    assertEquals(new ArrayList<>(model.values()), tree.toList());
    for (GroupingKey key : model.keySet()) {
      assertSame(model.get(key), tree.get(key));
    }
  }

  @Test
  void staysBalancedForKeysInOrder() {
    GroupTree tree = GroupTree.EMPTY;
    int n = 4096;
    for (int i = 0; i < n; i++) {
      tree = tree.put(group("j" + (100_000 + i), i));
    }
    // An AVL tree of n nodes is at most 1.44 log2(n + 2) high.
    assertTrue(tree.height() <= 1.45 * (Math.log(n + 2) / Math.log(2)), "height " + tree.height());
  }

  @Test
  void writesLeaveEarlierTreesUnchanged() {
    GroupTree one = GroupTree.EMPTY.put(group("a", 1)).put(group("b", 1));
    GroupTree two = one.put(group("a", 2)).remove(GroupingKey.of("b", "v", "x"));
    assertEquals(List.of(group("a", 1), group("b", 1)), one.toList());
    assertEquals(List.of(group("a", 2)), two.toList());
  }

  @Test
  void removingAnAbsentKeyReturnsTheSameTree() {
    GroupTree tree = GroupTree.EMPTY.put(group("a", 1));
    assertSame(tree, tree.remove(GroupingKey.of("zzz")));
    assertNull(tree.get(GroupingKey.of("zzz")));
  }
}
