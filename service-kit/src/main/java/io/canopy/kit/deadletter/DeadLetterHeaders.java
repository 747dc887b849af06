package io.canopy.kit.deadletter;

/**
 * Headers of a dead letter, the same for every consumer: SmallRye's {@code dead-letter-queue}
 * failure strategy writes these names (its {@code KafkaDeadLetterQueue} constants) for channels, and
 * {@link DeadLetters#publish} writes them for our plain Kafka consumers. The original key, body and
 * headers (CloudEvents {@code ce_*}, {@code traceparent}) are kept unchanged next to them.
 */
public final class DeadLetterHeaders {

    /** Why the record was parked (the {@link io.canopy.kit.inbox.UndecodableRecord} message; never the body). */
    public static final String REASON = "dead-letter-reason";
    /** The message of the cause, when there is one. */
    public static final String CAUSE = "dead-letter-cause";
    /** Class of the exception that rejected the record. */
    public static final String EXCEPTION_CLASS = "dead-letter-exception-class-name";
    /** Class of its cause, when there is one. */
    public static final String CAUSE_CLASS = "dead-letter-cause-class-name";
    /** The source topic. */
    public static final String TOPIC = "dead-letter-topic";
    /** The source partition (decimal). */
    public static final String PARTITION = "dead-letter-partition";
    /** The source offset (decimal). */
    public static final String OFFSET = "dead-letter-offset";

    private DeadLetterHeaders() {
    }
}
