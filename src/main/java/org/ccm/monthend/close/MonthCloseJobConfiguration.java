package org.ccm.monthend.close;

import static org.ccm.monthend.close.MonthCloseNames.DECIDE_RANGE_STEP;
import static org.ccm.monthend.close.MonthCloseNames.DECIDE_STEP;
import static org.ccm.monthend.close.MonthCloseNames.JOB;
import static org.ccm.monthend.close.MonthCloseNames.MONTH;
import static org.ccm.monthend.close.MonthCloseNames.PREPARE_STEP;
import static org.ccm.monthend.close.MonthCloseNames.PUBLISHED_PATH;
import static org.ccm.monthend.close.MonthCloseNames.PUBLISH_STEP;
import static org.ccm.monthend.close.MonthCloseNames.REVISION;
import static org.ccm.monthend.close.MonthCloseNames.RULE_SET_ID;
import static org.ccm.monthend.close.MonthCloseNames.RULE_SET_SHA256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.billing.BillingRules;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.billing.RuleSet;
import org.ccm.monthend.core.Checksums;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.export.ExportFiles;
import org.ccm.monthend.export.ExportPublisher;
import org.ccm.monthend.export.ExportWriter;
import org.ccm.monthend.extract.PatientMonthReader;
import org.ccm.monthend.extract.PatientRange;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.FileSystemUtils;

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

    private static final Logger log = LoggerFactory.getLogger(MonthCloseJobConfiguration.class);
    private static final int CONNECTIONS_PER_RANGE = 9;
    private static final int CONNECTIONS_BESIDE_RANGES = 4;

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
        return new StepBuilder(PREPARE_STEP, jobRepository).tasklet((contribution, chunk) -> {
            var jobExecution = chunk.getStepContext().getStepExecution().getJobExecution();
            YearMonth month = YearMonth.parse(jobExecution.getJobParameters().getString(MONTH));
            int revision = jobExecution.getJobParameters().getLong(REVISION).intValue();
            RuleSet ruleSet = catalog.forMonth(month);
            ExecutionContext context = jobExecution.getExecutionContext();
            context.putString(RULE_SET_ID, ruleSet.id());
            context.putString(RULE_SET_SHA256, Checksums.sha256(catalog.fileFor(month)));
            // the patient ranges decided side by side, fixed here for the life of the close: a restart decides
            // the same ranges whatever was imported since (this step does not run again)
            List<PatientRange> ranges = PatientRange.split(jdbc, rangesFor(properties.close(), dataSource),
                    properties.close().rangeMinPatients());
            PatientRange.putPlan(context, ranges);
            // a fresh close starts from empty staging directories
            Path staging = ExportFiles.stagingDir(properties.outputDir(), month, revision);
            FileSystemUtils.deleteRecursively(staging);
            Files.createDirectories(staging);
            for (PatientRange range : ranges) {
                Path rangeDir = ExportFiles.rangeStagingDir(properties.outputDir(), month, revision, range.index());
                FileSystemUtils.deleteRecursively(rangeDir);
                Files.createDirectories(rangeDir);
            }
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    /**
     * Each connection-holding range needs its cursors (8) and its chunk transaction; the job repository, the
     * month lock and the progress count need theirs. Fewer ranges than configured when the pool is smaller.
     */
    private static int rangesFor(CcmProperties.Close close, DataSource dataSource) {
        int wanted = close.rangesToUse();
        if (dataSource instanceof HikariDataSource hikari) {
            int fit = Math.max(1, (hikari.getMaximumPoolSize() - CONNECTIONS_BESIDE_RANGES) / CONNECTIONS_PER_RANGE);
            if (fit < wanted) {
                log.warn("Deciding {} patient ranges side by side instead of {}: the connection pool holds {} connections"
                        + " (spring.datasource.hikari.maximum-pool-size)", fit, wanted, hikari.getMaximumPoolSize());
                return fit;
            }
        }
        return wanted;
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
            JdbcTemplate jdbc, Clock clock, CcmProperties properties) {
        ExportPublisher publisher = new ExportPublisher(jdbc, clock);
        return new StepBuilder(PUBLISH_STEP, jobRepository).tasklet((contribution, chunk) -> {
            var jobExecution = chunk.getStepContext().getStepExecution().getJobExecution();
            ExecutionContext context = jobExecution.getExecutionContext();
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("rule_set_sha256", context.getString(RULE_SET_SHA256));
            settings.put("selection_policy", properties.billing().selectionPolicy().name());
            settings.put("date_of_service", properties.billing().dateOfService().name());
            // a range may have completed in an earlier execution of this close (a restart of the publish only)
            List<ExecutionContext> decided = new ArrayList<>();
            List<PatientRange> ranges = PatientRange.plan(context);
            for (PatientRange range : ranges) {
                decided.add(jobRepository.getLastStepExecution(jobExecution.getJobInstance(),
                        MonthCloseNames.rangeStepName(range.index())).getExecutionContext());
            }
            Path published = publisher.publish(new ExportPublisher.Run(properties.outputDir(),
                    YearMonth.parse(jobExecution.getJobParameters().getString(MONTH)),
                    jobExecution.getJobParameters().getLong(REVISION).intValue(),
                    jobExecution.getId(), context.getString(RULE_SET_ID), settings, ranges.size()), decided);
            context.putString(PUBLISHED_PATH, published.toString());
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    @StepScope
    PatientMonthReader patientMonthReader(DataSource dataSource, Dialect dialect, @Value("#{jobParameters['month']}") String month,
            @Value("#{jobParameters['revision']}") Long revision, @Value("#{stepExecution}") StepExecution stepExecution) {
        return new PatientMonthReader(dataSource, dialect, YearMonth.parse(month), revision.intValue(),
                PatientRange.from(stepExecution.getExecutionContext()));
    }

    /** Decides each patient-month with the rule set the close started with; a rule file edited since then stops a restart. */
    @Bean
    @StepScope
    DecisionProcessor decisionProcessor(RuleSetCatalog catalog, CcmProperties properties,
            @Value("#{jobParameters['month']}") String month,
            @Value("#{jobExecutionContext['" + RULE_SET_SHA256 + "']}") String startedWith) throws IOException {
        YearMonth serviceMonth = YearMonth.parse(month);
        String now = Checksums.sha256(catalog.fileFor(serviceMonth));
        if (!now.equals(startedWith)) {
            throw new IllegalStateException("rule set " + catalog.fileFor(serviceMonth) + " changed since this close started;"
                    + " restore it to finish the close, or abandon the execution and close a new revision");
        }
        return new DecisionProcessor(new BillingRules(catalog.forMonth(serviceMonth), properties.billing().settings()));
    }

    @Bean
    @StepScope
    ExportWriter exportWriter(JdbcTemplate jdbc, Dialect dialect, CcmProperties properties, @Value("#{jobParameters['month']}") String month,
            @Value("#{jobParameters['revision']}") Long revision, @Value("#{stepExecution}") StepExecution stepExecution) {
        Path staging = ExportFiles.rangeStagingDir(properties.outputDir(), YearMonth.parse(month), revision.intValue(),
                PatientRange.from(stepExecution.getExecutionContext()).index());
        return new ExportWriter(staging, jdbc, dialect, revision.intValue(), stepExecution.getJobExecutionId());
    }
}
