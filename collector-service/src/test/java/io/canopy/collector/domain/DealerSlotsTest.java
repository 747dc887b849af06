package io.canopy.collector.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

class DealerSlotsTest {

    final UUID flooder = UUID.randomUUID();
    final UUID other = UUID.randomUUID();
    final List<String> started = new ArrayList<>();
    final List<CompletableFuture<Void>> running = new ArrayList<>();

    CompletionStage<Void> admit(DealerSlots slots, UUID dealer, String name) {
        return slots.admit(dealer, () -> {
            started.add(name);
            CompletableFuture<Void> work = new CompletableFuture<>();
            running.add(work);
            return work;
        });
    }

    CompletionStage<Void> admit(DealerSlots slots, UUID dealer, UUID server, String name) {
        return slots.admit(dealer, server, 1, () -> {
            started.add(name);
            CompletableFuture<Void> work = new CompletableFuture<>();
            running.add(work);
            return work;
        });
    }

    @Test
    void aRequestWaitingBehindItsBusyServerHoldsNoSlot() {
        DealerSlots slots = new DealerSlots(2, 2, 100);
        UUID busy = UUID.randomUUID();
        UUID idle = UUID.randomUUID();
        admit(slots, flooder, busy, "busy-1");
        admit(slots, flooder, busy, "busy-2");
        admit(slots, flooder, idle, "idle-1");
        // busy-2 waits behind busy-1 without a slot, so the dealer's other server takes the second one.
        assertThat(started).containsExactly("busy-1", "idle-1");
        assertThat(slots.running()).isEqualTo(2);
        assertThat(slots.waiting()).isEqualTo(1);
    }

    @Test
    void oneServersCollectionsRunOneAtATimeInOrder() {
        DealerSlots slots = new DealerSlots(8, 8, 100);
        UUID server = UUID.randomUUID();
        admit(slots, flooder, server, "a");
        admit(slots, flooder, server, "b");
        admit(slots, flooder, server, "c");
        assertThat(started).containsExactly("a");
        assertThat(slots.runningOn(server)).isEqualTo(1);
        running.get(0).complete(null);
        assertThat(started).containsExactly("a", "b");
        running.get(1).completeExceptionally(new IllegalStateException("a failed collection frees its server too"));
        assertThat(started).containsExactly("a", "b", "c");
        running.get(2).complete(null);
        assertThat(slots.running()).isZero();
        assertThat(slots.runningOn(server)).isZero();
    }

    @Test
    void aDealersServersTakeTheirTurnsWhenItsShareIsFull() {
        DealerSlots slots = new DealerSlots(8, 1, 100);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        admit(slots, flooder, first, "first-1");
        admit(slots, flooder, first, "first-2");
        admit(slots, flooder, second, "second-1");
        running.get(0).complete(null);
        // first-2 could run now, but the dealer's other server waited longer.
        assertThat(started).containsExactly("first-1", "second-1");
    }

    @Test
    void aDealerOverItsCapWaitsWithoutHoldingTheSlotsOtherDealersNeed() {
        DealerSlots slots = new DealerSlots(4, 2, 100);
        for (int i = 0; i < 10; i++) {
            assertThat(admit(slots, flooder, "flood-" + i)).isCompleted(); // the consumer is never held back here
        }
        admit(slots, other, "other");
        assertThat(started).containsExactly("flood-0", "flood-1", "other");
        assertThat(slots.running(flooder)).isEqualTo(2);
        assertThat(slots.waiting()).isEqualTo(8);
    }

    @Test
    void aFreedSlotGoesToTheNextDealerInTurn() {
        DealerSlots slots = new DealerSlots(2, 2, 100);
        admit(slots, flooder, "f0");
        admit(slots, flooder, "f1");
        admit(slots, flooder, "f2");
        admit(slots, other, "o0");
        assertThat(started).containsExactly("f0", "f1");
        running.get(0).complete(null);
        assertThat(started).containsExactly("f0", "f1", "o0"); // the waiting dealer's turn, not f2
        running.get(1).complete(null);
        assertThat(started).containsExactly("f0", "f1", "o0", "f2");
    }

    @Test
    void theConsumerIsHeldBackOnlyWhenTooManyWait() {
        DealerSlots slots = new DealerSlots(1, 1, 1);
        assertThat(admit(slots, flooder, "a")).isCompleted();
        assertThat(admit(slots, flooder, "b")).isCompleted();
        CompletionStage<Void> held = admit(slots, other, "c");
        assertThat(held).isNotCompleted();
        running.get(0).complete(null);
        assertThat(held).isCompleted();
    }
}
