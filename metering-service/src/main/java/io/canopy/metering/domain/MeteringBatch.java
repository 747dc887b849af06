package io.canopy.metering.domain;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.canopy.contracts.arithmetic.DateWindow;
import io.canopy.contracts.events.DepositRecorded;

/**
 * A {@link MeteringStore} for one clean poll batch: it loads what the batch's completions will ask for
 * up front ({@link #prepare}), answers them from memory in batch order ({@link #at}), and writes
 * everything at the end ({@link #flush}). A completion sees only the readings whose records came
 * before it, so the result equals computing record by record. The port keeps the service free of
 * how a store does this (PostgreSQL in production).
 */
public interface MeteringBatch extends MeteringStore {

    /** One completion of the batch, at its position in the batch, with the feed as it describes it. */
    record Work(int index, FeedContext feed, UUID requestId, DateWindow window) {
    }

    /** Loads what these completions will ask for. */
    void prepare(List<Work> works);

    /** The completion about to be computed: what it sees of the batch is what came before it. */
    void at(Work work);

    /** Writes the batch's results; @return the deposits appended (in order). */
    List<DepositRecorded> flush();

    /** Opens batches; implemented by the store that also answers {@link MeteringStore} record by record. */
    interface Opener {

        /**
         * @param readingsAt   per reading the batch stored (or adopted), the position of its record
         * @param aggregatesAt per aggregate the batch stored, the position of its record
         */
        MeteringBatch open(Map<UUID, Integer> readingsAt, Map<UUID, Integer> aggregatesAt);
    }
}
