package io.canopy.collector.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

class ByteBudgetTest {

    @Test
    void aReservationThatFitsIsGrantedAtOnce() {
        ByteBudget budget = new ByteBudget(100);
        var account = budget.open();
        assertTrue(account.reserve(60).isDone());
        assertTrue(account.reserve(40).isDone());
        assertEquals(100, budget.held());
        assertEquals(100, account.holds());
    }

    @Test
    void aReservationOverTheBudgetWaitsUntilAnotherCollectionReleases() {
        ByteBudget budget = new ByteBudget(100);
        var first = budget.open();
        var second = budget.open();
        first.reserve(70);
        CompletableFuture<Void> waiting = second.reserve(50);
        assertFalse(waiting.isDone(), "70 + 50 exceed 100: the second collection waits, it does not fail");
        assertEquals(1, budget.waiting());
        first.close();
        assertTrue(waiting.isDone());
        assertFalse(waiting.isCompletedExceptionally());
        assertEquals(50, budget.held());
        assertEquals(70, budget.peak());
    }

    @Test
    void waitersAreServedInArrivalOrderSoALargeOneIsNotStarvedBySmallOnes() {
        ByteBudget budget = new ByteBudget(100);
        budget.open().reserve(90);
        CompletableFuture<Void> large = budget.open().reserve(60);
        CompletableFuture<Void> small = budget.open().reserve(5);
        assertFalse(small.isDone(), "a small reservation does not overtake the large one waiting before it");
        assertFalse(large.isDone());
    }

    @Test
    void aBodyLargerThanTheWholeBudgetProceedsAloneOnceNothingElseIsHeld() {
        ByteBudget budget = new ByteBudget(100);
        var small = budget.open();
        small.reserve(10);
        CompletableFuture<Void> huge = budget.open().reserve(500);
        assertFalse(huge.isDone(), "it waits while anything else is held");
        CompletableFuture<Void> after = budget.open().reserve(10);
        small.close();
        assertTrue(huge.isDone(), "alone, it proceeds rather than waiting forever");
        assertFalse(after.isDone(), "and nothing runs beside it");
        assertEquals(500, budget.held());
    }

    @Test
    void aCancelledWaitLeavesTheQueueAndLetsTheNextOneThrough() {
        ByteBudget budget = new ByteBudget(100);
        var holder = budget.open();
        holder.reserve(80);
        CompletableFuture<Void> timedOut = budget.open().reserve(90);
        CompletableFuture<Void> next = budget.open().reserve(20);
        assertFalse(next.isDone(), "queued behind the large wait");
        timedOut.cancel(false);
        assertTrue(next.isDone(), "the cancelled wait no longer blocks the queue");
        assertEquals(100, budget.held());
        holder.close();
        assertEquals(20, budget.held(), "the cancelled wait was never granted anything");
    }

    @Test
    void closingAFailedCollectionReleasesWhatItHeldAndWithdrawsItsWaits() {
        ByteBudget budget = new ByteBudget(100);
        var other = budget.open();
        other.reserve(30);
        var failed = budget.open();
        failed.reserve(60);
        CompletableFuture<Void> itsSecondPage = failed.reserve(60);
        assertFalse(itsSecondPage.isDone(), "the other collection runs on and will release");
        failed.close();
        assertTrue(itsSecondPage.isCancelled());
        assertEquals(30, budget.held());
        other.close();
        assertEquals(0, budget.held());
        assertEquals(0, budget.waiting());
        failed.close(); // idempotent
        assertEquals(0, budget.held());
        assertTrue(failed.reserve(1).isCompletedExceptionally(), "a closed collection cannot take bytes again");
    }

    @Test
    void releasingPartOfAReservationWakesWaiters() {
        ByteBudget budget = new ByteBudget(100);
        var page = budget.open();
        page.reserve(100);
        CompletableFuture<Void> other = budget.open().reserve(30);
        page.release(40); // the page turned out smaller than reserved
        assertTrue(other.isDone());
        assertEquals(90, budget.held());
        assertEquals(60, page.holds());
    }

    @Test
    void collectionsThatHoldPagesAndAllWaitForMoreDoNotWaitOnEachOtherForever() {
        ByteBudget budget = new ByteBudget(100);
        var a = budget.open();
        var b = budget.open();
        a.reserve(50);
        b.reserve(40);
        CompletableFuture<Void> fresh = budget.open().reserve(30);
        CompletableFuture<Void> aNext = a.reserve(30);
        assertFalse(aNext.isDone(), "b still runs and will release");
        CompletableFuture<Void> bNext = b.reserve(30);
        assertTrue(aNext.isDone(), "now every holder waits: the first goes on over the budget");
        assertFalse(bNext.isDone());
        assertFalse(fresh.isDone(), "a collection holding nothing can wait: it blocks no one");
        assertEquals(120, budget.held());
        a.close();
        assertTrue(bNext.isDone());
        assertTrue(fresh.isDone());
    }

    @Test
    void manyCollectionsRacingNeverHoldMoreThanTheBudgetAndLeakNothing() throws Exception {
        ByteBudget budget = new ByteBudget(1_000);
        List<CompletableFuture<Void>> collections = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            collections.add(CompletableFuture.runAsync(() -> {
                var account = budget.open();
                try {
                    for (int page = 0; page < 1; page++) {
                        CompletableFuture<Void> granted = account.reserve(ThreadLocalRandom.current().nextInt(1, 200));
                        try {
                            granted.get(ThreadLocalRandom.current().nextInt(1, 5), TimeUnit.MILLISECONDS);
                        } catch (TimeoutException e) {
                            granted.cancel(false); // a deadline: give up this collection
                            return;
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    account.close();
                }
            }));
        }
        CompletableFuture.allOf(collections.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertEquals(0, budget.held(), "every byte came back, whether the collection finished or gave up");
        assertEquals(0, budget.waiting());
        assertTrue(budget.peak() <= 1_000, "one page each: held at most the budget: " + budget.peak());
    }
}
