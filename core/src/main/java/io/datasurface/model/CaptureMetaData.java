package io.datasurface.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/** How changes of a datastore are captured and where a data platform picks them up. */
public sealed interface CaptureMetaData {

    /** The YAML {@code kind} of this capture. */
    String kind();

    TransactionScope transactions();

    /** Overrides the platform's merge interval for this store's batch-streams. */
    Optional<Duration> schedule();

    /**
     * Debezium publishes each dataset's change events (the Debezium envelope) to the Kafka topic
     * {@code <topicPrefix>.<dataset>}.
     */
    record DebeziumKafka(String topicPrefix, TransactionScope transactions, Optional<Duration> schedule) implements CaptureMetaData {
        public static final String KIND = "debezium";

        public DebeziumKafka {
            requireNonNull(topicPrefix, "topicPrefix is null");
            requireNonNull(transactions, "transactions is null");
            requireNonNull(schedule, "schedule is null");
        }

        @Override
        public String kind() {
            return KIND;
        }

        public String topic(String datasetName) {
            return topicPrefix + "." + datasetName;
        }

        /**
         * Where Debezium publishes the store's transaction metadata ({@code provide.transaction.metadata=true}):
         * its default {@code <topic.prefix>.transaction}.
         */
        public String transactionTopic() {
            return topicPrefix + ".transaction";
        }
    }

    /** Periodic full snapshots read over JDBC with a credential; not every platform supports it. */
    record JdbcSnapshot(String jdbcUrl, Credential credential, TransactionScope transactions, Optional<Duration> schedule) implements CaptureMetaData {
        public static final String KIND = "jdbcSnapshot";

        public JdbcSnapshot {
            requireNonNull(jdbcUrl, "jdbcUrl is null");
            requireNonNull(credential, "credential is null");
            requireNonNull(transactions, "transactions is null");
            requireNonNull(schedule, "schedule is null");
        }

        @Override
        public String kind() {
            return KIND;
        }
    }
}
