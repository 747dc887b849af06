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
