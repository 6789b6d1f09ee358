package com.example.likes.platform.admission;

import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.MetricRegistry;
import com.netflix.concurrency.limits.limit.FixedLimit;
import com.netflix.concurrency.limits.limit.Gradient2Limit;
import com.netflix.concurrency.limits.limiter.AbstractPartitionedLimiter;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import java.util.function.Function;

/** The limiters of {@code admission/}, all from Netflix's concurrency-limits. */
final class AdmissionLimits {

    private AdmissionLimits() {}

    /** One adaptive limit for every request, refusing (never blocking) beyond it. */
    static <C> Limiter<C> adaptive(AdmissionProperties properties, MetricRegistry metrics) {
        return SimpleLimiter.newBuilder()
                .named("admission")
                .limit(gradient(properties, metrics))
                .metricRegistry(metrics)
                .build();
    }

    /**
     * One adaptive limit shared by two kinds of request, each of which is guaranteed half of it: while the limit is
     * full, a kind already holding its half is refused and the other is still let in, so that a flood of one kind
     * cannot shut the other out. Below the limit either kind may use all of it.
     */
    static <C> Limiter<C> adaptiveSharedBy(
            String kind,
            String otherKind,
            Function<C, String> kindOf,
            AdmissionProperties properties,
            MetricRegistry metrics) {
        return new SharedBuilder<C>()
                .partitionResolver(kindOf)
                .partition(kind, 0.5)
                .partition(otherKind, 0.5)
                .named("admission")
                .limit(gradient(properties, metrics))
                .metricRegistry(metrics)
                .build();
    }

    /** A fixed number of requests at once: a bulkhead. */
    static <C> Limiter<C> fixed(int limit) {
        return SimpleLimiter.newBuilder().limit(FixedLimit.of(limit)).build();
    }

    private static Gradient2Limit gradient(AdmissionProperties properties, MetricRegistry metrics) {
        return Gradient2Limit.newBuilder()
                .initialLimit(properties.initialLimit())
                .minLimit(properties.minLimit())
                .maxConcurrency(properties.maxLimit())
                .metricRegistry(metrics)
                .build();
    }

    private static final class SharedBuilder<C> extends AbstractPartitionedLimiter.Builder<SharedBuilder<C>, C> {

        @Override
        protected SharedBuilder<C> self() {
            return this;
        }
    }
}
