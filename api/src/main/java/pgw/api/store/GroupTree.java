package pgw.api.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import pgw.api.GroupingKey;

/**
 * A persistent sorted map from grouping key to group, kept as an AVL tree.
 *
 * <p>Every write copies only the O(log G) nodes on its path and leaves the old tree intact, so a
 * {@link StoreView} is a single pointer to a root, taken in O(1), and readers on other threads
 * never see a write. Balancing depends only on key order, never on hashes, so no choice of grouping
 * keys can degrade it.
 */
final class GroupTree implements Iterable<Group> {
  static final GroupTree EMPTY = new GroupTree(null, 0);

  private final Node root;
  private final int size;

  private GroupTree(Node root, int size) {
    this.root = root;
    this.size = size;
  }

  private record Node(Group group, Node left, Node right, int height) {
    GroupingKey key() {
      return group.key();
    }
  }

  int size() {
    return size;
  }

  /** The group with this key, or null. */
  Group get(GroupingKey key) {
    Node n = root;
    while (n != null) {
      int c = key.compareTo(n.key());
      if (c == 0) {
        return n.group;
      }
      n = c < 0 ? n.left : n.right;
    }
    return null;
  }

  /** A tree holding {@code group}, replacing any group with the same key. */
  GroupTree put(Group group) {
    int newSize = get(group.key()) == null ? size + 1 : size;
    return new GroupTree(put(root, group), newSize);
  }

  /** A tree without the group of this key (this tree if there is none). */
  GroupTree remove(GroupingKey key) {
    return get(key) == null ? this : new GroupTree(remove(root, key), size - 1);
  }

  /** The groups in canonical grouping-key order. */
  List<Group> toList() {
    List<Group> list = new ArrayList<>(size);
    forEach(list::add);
    return List.copyOf(list);
  }

  /** Height of the tree; package-private for the balance test. */
  int height() {
    return height(root);
  }

  @Override
  public Iterator<Group> iterator() {
    return new InOrder(root);
  }

  private static Node put(Node n, Group group) {
    if (n == null) {
      return node(group, null, null);
    }
    int c = group.key().compareTo(n.key());
    if (c < 0) {
      return balance(n.group, put(n.left, group), n.right);
    }
    if (c > 0) {
      return balance(n.group, n.left, put(n.right, group));
    }
    return new Node(group, n.left, n.right, n.height);
  }

  private static Node remove(Node n, GroupingKey key) {
    int c = key.compareTo(n.key());
    if (c < 0) {
      return balance(n.group, remove(n.left, key), n.right);
    }
    if (c > 0) {
      return balance(n.group, n.left, remove(n.right, key));
    }
    if (n.left == null) {
      return n.right;
    }
    if (n.right == null) {
      return n.left;
    }
    Node min = n.right;
    while (min.left != null) {
      min = min.left;
    }
    return balance(min.group, n.left, remove(n.right, min.key()));
  }

  private static Node balance(Group group, Node left, Node right) {
    int hl = height(left);
    int hr = height(right);
    if (hl > hr + 1) {
      if (height(left.left) >= height(left.right)) {
        return node(left.group, left.left, node(group, left.right, right));
      }
      Node lr = left.right;
      return node(lr.group, node(left.group, left.left, lr.left), node(group, lr.right, right));
    }
    if (hr > hl + 1) {
      if (height(right.right) >= height(right.left)) {
        return node(right.group, node(group, left, right.left), right.right);
      }
      Node rl = right.left;
      return node(rl.group, node(group, left, rl.left), node(right.group, rl.right, right.right));
    }
    return node(group, left, right);
  }

  private static Node node(Group group, Node left, Node right) {
    return new Node(group, left, right, 1 + Math.max(height(left), height(right)));
  }

  private static int height(Node n) {
    return n == null ? 0 : n.height;
  }

  private static final class InOrder implements Iterator<Group> {
    private final Deque<Node> stack = new ArrayDeque<>();

    InOrder(Node root) {
      descend(root);
    }

    private void descend(Node n) {
      for (; n != null; n = n.left) {
        stack.push(n);
      }
    }

    @Override
    public boolean hasNext() {
      return !stack.isEmpty();
    }

    @Override
    public Group next() {
      if (stack.isEmpty()) {
        throw new NoSuchElementException();
      }
      Node n = stack.pop();
      descend(n.right);
      return n.group;
    }
  }
}
