package org.ccm.monthend.close;

import static org.ccm.monthend.close.MonthCloseNames.DECIDE_RANGE_STEP;
import static org.ccm.monthend.close.MonthCloseNames.DECIDE_STEP;
import static org.ccm.monthend.close.MonthCloseNames.JOB;
import static org.ccm.monthend.close.MonthCloseNames.MONTH;
import static org.ccm.monthend.close.MonthCloseNames.PREPARE_STEP;
import static org.ccm.monthend.close.MonthCloseNames.PUBLISH_STEP;
import static org.ccm.monthend.close.MonthCloseNames.REVISION;

import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.billing.BillingRules;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.export.ExportFiles;
import org.ccm.monthend.export.ExportPublisher;
import org.ccm.monthend.export.ExportWriter;
import org.ccm.monthend.extract.PatientMonthReader;
import org.ccm.monthend.extract.PatientRange;
import org.ccm.monthend.rules.LoadedRuleSet;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.JobSynchronizationManager;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The month-close job: {@code prepareClose} (rule set, patient ranges, staging), {@code decidePatientMonths}
 * (the ranges side by side, each a {@code decidePatientRange} worker that extracts and aggregates each
 * patient-month, decides it and writes it: one chunk per transaction and checkpoint), {@code publishExport}
 * (concatenate the ranges' parts, sort, summarise, checksum, move into place). The month and the revision are
 * the identifying parameters and there is no incrementer: one job instance per month and revision is
 * what makes a month closed once, and what a failed close restarts.
 */
@Configuration(proxyBeanMethods = false)
class MonthCloseJobConfiguration {

    @Bean
    Job monthCloseJob(JobRepository jobRepository, Step prepareClose, Step decidePatientMonths, Step publishExport) {
        return new JobBuilder(JOB, jobRepository)
                .validator(new DefaultJobParametersValidator(new String[] {MONTH, REVISION}, new String[0]))
                .start(prepareClose)
                .next(decidePatientMonths)
                .next(publishExport)
                .build();
    }

    @Bean
    Step prepareClose(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            RuleSetCatalog catalog, CcmProperties properties, JdbcTemplate jdbc, DataSource dataSource) {
        return new StepBuilder(PREPARE_STEP, jobRepository)
                .tasklet(new PrepareCloseTasklet(catalog, properties, jdbc, dataSource), transactionManager)
                .build();
    }

    /**
     * The decide step: the month's patients split into ranges ({@code prepareClose} fixed them), decided side by
     * side by the worker step {@code decidePatientRange}, one thread each. Each range restarts from its own
     * checkpoint; a range that completed is not run again.
     */
    @Bean
    Step decidePatientMonths(JobRepository jobRepository, Step decidePatientRange) {
        return new StepBuilder(DECIDE_STEP, jobRepository)
                .partitioner(DECIDE_RANGE_STEP, new RangePartitioner())
                .step(decidePatientRange)
                .taskExecutor(new SimpleAsyncTaskExecutor("ccm-range-"))
                .build();
    }

    /** The ranges the close's job context records (gridSize is ignored: prepareClose chose the number). */
    private static final class RangePartitioner implements Partitioner {

        @Override
        public Map<String, ExecutionContext> partition(int gridSize) {
            var job = JobSynchronizationManager.getContext();
            if (job == null) {
                throw new IllegalStateException("the patient ranges are read from the running close's job context");
            }
            Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
            for (PatientRange range : PatientRange.plan(job.getJobExecution().getExecutionContext())) {
                ExecutionContext context = new ExecutionContext();
                range.putInto(context);
                partitions.put(MonthCloseNames.rangePartition(range.index()), context);
            }
            return partitions;
        }
    }

    @Bean
    Step decidePatientRange(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PatientMonthReader patientMonthReader, DecisionProcessor decisionProcessor,
            ExportWriter exportWriter, CcmProperties properties, ObjectProvider<DecideStepListener> listeners) {
        ChunkOrientedStepBuilder<PatientMonth, Decision> step = new StepBuilder(DECIDE_RANGE_STEP, jobRepository)
                .<PatientMonth, Decision>chunk(properties.close().chunkSize())
                .transactionManager(transactionManager)
                .reader(patientMonthReader)
                .processor(decisionProcessor)
                .writer(exportWriter);
        listeners.orderedStream().forEach(step::listener);
        return step.build();
    }

    @Bean
    Step publishExport(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            JdbcTemplate jdbc, Clock clock, RuleSetCatalog catalog, CcmProperties properties, GracefulStop gracefulStop) {
        return new StepBuilder(PUBLISH_STEP, jobRepository)
                .tasklet(new PublishExportTasklet(jobRepository, new ExportPublisher(jdbc, clock), catalog, properties,
                        gracefulStop),
                        transactionManager)
                .build();
    }

    @Bean
    @StepScope
    PatientMonthReader patientMonthReader(DataSource dataSource, Dialect dialect, CcmProperties properties,
            @Value("#{jobParameters['month']}") String month, @Value("#{jobParameters['revision']}") Long revision,
            @Value("#{stepExecution}") StepExecution stepExecution) {
        return new PatientMonthReader(dataSource, dialect, YearMonth.parse(month), revision.intValue(),
                PatientRange.from(stepExecution.getExecutionContext()), properties.close().groupedEntries());
    }

    /**
     * Decides each patient-month with the rule set, chargemaster and billing settings the close started with; a
     * restart after any of them was edited is refused ({@link CloseSettings}).
     */
    @Bean
    @StepScope
    DecisionProcessor decisionProcessor(RuleSetCatalog catalog, CcmProperties properties,
            @Value("#{jobParameters['month']}") String month, @Value("#{stepExecution}") StepExecution stepExecution) {
        LoadedRuleSet now = catalog.loadForMonth(YearMonth.parse(month));
        new CloseSettings(now, properties.billing()).requireSameAs(stepExecution.getJobExecution().getExecutionContext());
        return new DecisionProcessor(new BillingRules(now.ruleSet(), properties.billing().settings()));
    }

    @Bean
    @StepScope
    ExportWriter exportWriter(JdbcTemplate jdbc, Dialect dialect, Clock clock, CcmProperties properties, @Value("#{jobParameters['month']}") String month,
            @Value("#{jobParameters['revision']}") Long revision, @Value("#{stepExecution}") StepExecution stepExecution) {
        Path staging = ExportFiles.rangeStagingDir(properties.outputDir(), YearMonth.parse(month), revision.intValue(),
                PatientRange.from(stepExecution.getExecutionContext()).index());
        return new ExportWriter(staging, jdbc, dialect, revision.intValue(), stepExecution.getJobExecutionId(), clock);
    }
}
