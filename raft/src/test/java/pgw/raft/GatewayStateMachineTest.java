package pgw.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;
import pgw.api.GroupingKey;
import pgw.api.PushMode;
import pgw.api.store.PushResult;
import pgw.raft.command.Command;
import pgw.raft.command.CommandCodec;

class GatewayStateMachineTest {
  private static final long T = 1_700_000_000_000_000_000L;

  static List<Command> history() {
    return List.of(
        new Command.Push(GroupingKey.of("a"), PushMode.REPLACE_GROUP, Samples.families(), T),
        new Command.Push(
            Samples.KEY, PushMode.REPLACE_SAME_NAMES, List.of(Samples.gauge("g", 1)), T + 1),
        new Command.Push(
            GroupingKey.of("b"), PushMode.REPLACE_GROUP, List.of(Samples.gauge("g", 2)), T + 2),
        new Command.Delete(GroupingKey.of("a"), T + 3),
        new Command.Push(
            GroupingKey.of("c"), PushMode.REPLACE_GROUP, List.of(Samples.gauge("g", 3)), T + 4));
  }

  @Test
  void replicasApplyingTheSameLogHoldTheSameState() throws Exception {
    var one = new GatewayStateMachine(100);
    var two = new GatewayStateMachine(100);
    for (Command c : history()) {
      // The second replica sees the bytes, as a follower reading the log does.
      assertEquals(one.apply(c), two.apply(CommandCodec.decode(CommandCodec.encode(c))));
    }
    assertEquals(one.view().groups(), two.view().groups());
  }

  @Test
  void aRejectedPushIsAnsweredWithTheStoresReason() {
    var sm = new GatewayStateMachine(100);
    var timestamped =
        new Command.Push(GroupingKey.of("t"), PushMode.REPLACE_GROUP, Samples.families(), T);

    var result = sm.apply(timestamped);

    var rejected = assertInstanceOf(PushResult.Rejected.class, result);
    assertEquals("pushed metrics must not have timestamps", rejected.reason());
  }

  @Test
  void wipeRemovesEveryGroup() {
    var sm = new GatewayStateMachine(100);
    history().forEach(sm::apply);

    sm.apply(new Command.Wipe(T + 10));

    assertEquals(List.of(), sm.view().groups());
  }
}
