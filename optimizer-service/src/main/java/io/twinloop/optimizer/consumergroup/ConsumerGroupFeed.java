package io.twinloop.optimizer.consumergroup;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

import io.twinloop.optimizer.projection.TwinFeed;
import io.twinloop.optimizer.projection.TwinProjection;
import io.twinloop.optimizer.projection.TwinScope;
import io.twinloop.twin.client.DittoClient;

/**
 * Twin events from Kafka, as one member of a consumer group: the projection holds only the twins whose partitions
 * this instance is assigned, so each twin is decided on by exactly one instance ({@link PartitionedSync}).
 */
public record ConsumerGroupFeed(ConsumerGroupConfig config) implements TwinFeed {

    public ConsumerGroupFeed {
        Objects.requireNonNull(config, "config");
    }

    @Override
    public CompletableFuture<PartitionedSync> start(final DittoClient ditto, final TwinScope scope,
            final TwinProjection projection, final Runnable changed, final ScheduledExecutorService scheduler) {
        return PartitionedSync.start(config, ditto, scope, projection, changed, scheduler);
    }
}
