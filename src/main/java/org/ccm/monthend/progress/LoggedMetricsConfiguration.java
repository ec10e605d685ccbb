package org.ccm.monthend.progress;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.logging.LoggingMeterRegistry;
import io.micrometer.core.instrument.logging.LoggingRegistryConfig;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * Batch metrics in the log, off by default. Spring Batch observes jobs, steps, chunks and items
 * ({@code spring.batch.job}, {@code spring.batch.step}, {@code spring.batch.item.read},
 * {@code spring.batch.item.process}, {@code spring.batch.chunk.write}) only when an
 * {@link ObservationRegistry} bean exists; without one it uses a no-op registry, which costs nothing.
 * {@code --ccm.metrics.log=true} creates one whose observations become Micrometer timers, written to
 * the log every {@code ccm.metrics.log-interval} (default 30s) and once more when the command ends.
 * Micrometer comes with Spring Batch: no Actuator and no web server are needed.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "ccm.metrics.log", havingValue = "true")
class LoggedMetricsConfiguration {

    private static final Logger log = LoggerFactory.getLogger("org.ccm.monthend.metrics");

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(MeterRegistry.class)
    LoggingMeterRegistry loggingMeterRegistry(@Value("${ccm.metrics.log-interval:30s}") Duration interval) {
        LoggingRegistryConfig config = new LoggingRegistryConfig() {
            @Override
            public String get(String key) {
                return null;
            }

            @Override
            public Duration step() {
                return interval;
            }
        };
        return LoggingMeterRegistry.builder(config).loggingSink(log::info).build();
    }

    @Bean
    @ConditionalOnMissingBean(ObservationRegistry.class)
    ObservationRegistry observationRegistry(MeterRegistry meterRegistry) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
        return registry;
    }
}
