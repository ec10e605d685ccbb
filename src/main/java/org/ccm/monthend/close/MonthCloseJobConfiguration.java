package org.ccm.monthend.close;

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
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.billing.BillingRules;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.billing.RuleSet;
import org.ccm.monthend.export.ExportFiles;
import org.ccm.monthend.export.ExportPublisher;
import org.ccm.monthend.export.ExportWriter;
import org.ccm.monthend.extract.PatientMonthReader;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.FileSystemUtils;

/**
 * The month-close job: {@code prepareClose} (rule set, staging), {@code decidePatientMonths} (extract
 * and aggregate each patient-month, decide it, write it: one chunk per transaction and checkpoint),
 * {@code publishExport} (sort, summarise, checksum, move into place). The month and the revision are
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
            RuleSetCatalog catalog, CcmProperties properties) {
        return new StepBuilder(PREPARE_STEP, jobRepository).tasklet((contribution, chunk) -> {
            var jobExecution = chunk.getStepContext().getStepExecution().getJobExecution();
            YearMonth month = YearMonth.parse(jobExecution.getJobParameters().getString(MONTH));
            int revision = jobExecution.getJobParameters().getLong(REVISION).intValue();
            RuleSet ruleSet = catalog.forMonth(month);
            ExecutionContext context = jobExecution.getExecutionContext();
            context.putString(RULE_SET_ID, ruleSet.id());
            context.putString(RULE_SET_SHA256, ExportPublisher.sha256(catalog.fileFor(month)));
            // a fresh close starts from an empty staging directory (a restart never runs this step again)
            Path staging = ExportFiles.stagingDir(properties.outputDir(), month, revision);
            FileSystemUtils.deleteRecursively(staging);
            Files.createDirectories(staging);
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    Step decidePatientMonths(JobRepository jobRepository, PlatformTransactionManager transactionManager,
            PatientMonthReader patientMonthReader, DecisionProcessor decisionProcessor,
            ExportWriter exportWriter, CcmProperties properties, ObjectProvider<DecideStepListener> listeners) {
        ChunkOrientedStepBuilder<PatientMonth, Decision> step = new StepBuilder(DECIDE_STEP, jobRepository)
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
            // the decide step may have completed in an earlier execution of this close (a restart of the publish only)
            ExecutionContext decided = jobRepository.getLastStepExecution(jobExecution.getJobInstance(), DECIDE_STEP).getExecutionContext();
            Path published = publisher.publish(new ExportPublisher.Run(properties.outputDir(),
                    YearMonth.parse(jobExecution.getJobParameters().getString(MONTH)),
                    jobExecution.getJobParameters().getLong(REVISION).intValue(),
                    jobExecution.getId(), context.getString(RULE_SET_ID), settings), decided);
            context.putString(PUBLISHED_PATH, published.toString());
            return RepeatStatus.FINISHED;
        }, transactionManager).build();
    }

    @Bean
    @StepScope
    PatientMonthReader patientMonthReader(DataSource dataSource, @Value("#{jobParameters['month']}") String month,
            @Value("#{jobParameters['revision']}") Long revision) {
        return new PatientMonthReader(dataSource, YearMonth.parse(month), revision.intValue());
    }

    /** Decides each patient-month with the rule set the close started with; a rule file edited since then stops a restart. */
    @Bean
    @StepScope
    DecisionProcessor decisionProcessor(RuleSetCatalog catalog, CcmProperties properties,
            @Value("#{jobParameters['month']}") String month,
            @Value("#{jobExecutionContext['" + RULE_SET_SHA256 + "']}") String startedWith) throws IOException {
        YearMonth serviceMonth = YearMonth.parse(month);
        String now = ExportPublisher.sha256(catalog.fileFor(serviceMonth));
        if (!now.equals(startedWith)) {
            throw new IllegalStateException("rule set " + catalog.fileFor(serviceMonth) + " changed since this close started;"
                    + " restore it to finish the close, or abandon the execution and close a new revision");
        }
        return new DecisionProcessor(new BillingRules(catalog.forMonth(serviceMonth), properties.billing().settings()));
    }

    @Bean
    @StepScope
    ExportWriter exportWriter(JdbcTemplate jdbc, CcmProperties properties, @Value("#{jobParameters['month']}") String month,
            @Value("#{jobParameters['revision']}") Long revision, @Value("#{stepExecution.jobExecutionId}") Long jobExecutionId) {
        Path staging = ExportFiles.stagingDir(properties.outputDir(), YearMonth.parse(month), revision.intValue());
        return new ExportWriter(staging, jdbc, revision.intValue(), jobExecutionId);
    }
}
