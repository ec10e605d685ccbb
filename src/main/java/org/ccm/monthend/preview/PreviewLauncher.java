package org.ccm.monthend.preview;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.csv.CSVFormat;
import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.billing.BillingRules;
import org.ccm.monthend.billing.PatientMonth;
import org.ccm.monthend.billing.RuleSet;
import org.ccm.monthend.core.Dialect;
import org.ccm.monthend.core.ExitCodes;
import org.ccm.monthend.core.FailureText;
import org.ccm.monthend.core.UsageException;
import org.ccm.monthend.extract.PatientMonthReader;
import org.ccm.monthend.progress.RunProgress;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.ccm.monthend.rules.RuleSetException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.ChunkOrientedStepBuilder;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.FileSystemResource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.FileSystemUtils;

import io.micrometer.observation.ObservationRegistry;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the preview of a month as the Spring Batch job {@code monthPreview}, so every run is in the job
 * history: step {@code previewPatientMonths} streams the month with the close's own reader and rules
 * into preview.csv, step {@code publishPreview} writes preview-summary.json and moves the folder into
 * {@code <output-dir>/previews/<M>/<run>/} in one rename.
 *
 * <p>It never writes a claim, never touches claim or month_close, never writes under the close's folder.
 * The reader is opened as "revision 0", so every claim already exported for the month shows as
 * ALREADY_BILLED. The run time is an identifying parameter (a new job instance every run, so it can run
 * nightly); a failed preview is not restarted but run again ({@code preventRestart}).
 *
 * <p>The job is built per run rather than declared as a bean: a second {@code Job} bean would make the
 * close's job ambiguous to everything that injects "the" job.
 */
@Component
public class PreviewLauncher {

    public static final String JOB_NAME = "monthPreview";
    static final String STEP = "previewPatientMonths";
    static final String PUBLISH_STEP = "publishPreview";
    static final String PATH_KEY = "preview.path";
    /** Run folder names: the run's instant in UTC, to the second. */
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private static final Logger log = LoggerFactory.getLogger(PreviewLauncher.class);
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("").get();
    private static final JsonMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final PlatformTransactionManager transactionManager;
    private final DataSource dataSource;
    private final Dialect dialect;
    private final RuleSetCatalog catalog;
    private final CcmProperties properties;
    private final Clock clock;
    private final RunProgress progress;
    private final ObjectProvider<ObservationRegistry> observations;

    PreviewLauncher(JobOperator jobOperator, JobRepository jobRepository, PlatformTransactionManager transactionManager,
            DataSource dataSource, Dialect dialect, RuleSetCatalog catalog, CcmProperties properties, Clock clock, RunProgress progress,
            ObjectProvider<ObservationRegistry> observations) {
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.transactionManager = transactionManager;
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.catalog = catalog;
        this.properties = properties;
        this.clock = clock;
        this.progress = progress;
        this.observations = observations;
    }

    /** Previews {@code month} as of now (the application clock). */
    public PreviewOutcome preview(YearMonth month) throws Exception {
        Instant now = clock.instant();
        return preview(month, now, LocalDate.ofInstant(now, clock.getZone()));
    }

    /** Previews {@code month} as of {@code runAt}, with the pace measured up to {@code today}. */
    public PreviewOutcome preview(YearMonth month, Instant runAt, LocalDate today) throws Exception {
        RuleSet ruleSet;
        try {
            ruleSet = catalog.forMonth(month);
        }
        catch (RuleSetException ex) {
            throw new UsageException(ex.getMessage());
        }
        Instant run = runAt.truncatedTo(ChronoUnit.SECONDS);
        String stamp = STAMP.format(run);
        Path target = PreviewFiles.published(properties.outputDir(), month, stamp);
        Path staging = PreviewFiles.staging(properties.outputDir(), month, stamp);
        if (Files.exists(target)) {
            return new PreviewOutcome.AlreadyRan(month, run, target);
        }
        FileSystemUtils.deleteRecursively(staging);
        Files.createDirectories(staging);

        JobParameters parameters = new JobParametersBuilder()
                .addString("month", month.toString(), true)
                .addString("runAt", run.toString(), true)
                .addString("today", today.toString(), false)
                .toJobParameters();
        JobExecution execution;
        try {
            execution = jobOperator.start(job(month, today, ruleSet, staging, target, run), parameters);
        }
        catch (JobInstanceAlreadyCompleteException ex) {
            return new PreviewOutcome.AlreadyRan(month, run, null);
        }
        finally {
            FileSystemUtils.deleteRecursively(staging);
        }
        if (execution.getStatus() != BatchStatus.COMPLETED) {
            String cause = execution.getAllFailureExceptions().stream().findFirst().map(FailureText::of)
                    .orElse(execution.getExitStatus().getExitDescription());
            return new PreviewOutcome.Failed(month, execution.getId(), execution.getStatus().name(),
                    cause == null || cause.isBlank() ? null : firstLine(cause));
        }
        JsonNode summary = JSON.readTree(target.resolve(PreviewSummary.JSON_FILE).toFile());
        log.info("Preview of {} (execution {}) published to {}", month, execution.getId(), target);
        return new PreviewOutcome.Previewed(month, today, execution.getId(), target, summary.path("patient_months").asLong(),
                summary.path("reachable").toString(), summary.path("at_risk").asLong(), summary.path("blocked_by_gate").toString(),
                summary.path("expected_payment_reachable").decimalValue());
    }

    private Job job(YearMonth month, LocalDate today, RuleSet ruleSet, Path staging, Path target, Instant run) {
        PreviewCalculator calculator = new PreviewCalculator(new BillingRules(ruleSet, properties.billing().settings()), today);
        // revision 0: the claims of every revision of the month count as already billed
        PatientMonthReader reader = new PatientMonthReader(dataSource, dialect, month, 0, properties.close().groupedEntries());
        FlatFileItemWriter<PreviewRow> writer = new FlatFileItemWriterBuilder<PreviewRow>()
                .name("previewFile")
                .resource(new FileSystemResource(staging.resolve(PreviewSummary.CSV)))
                .lineAggregator(row -> CSV.format(row.values()))
                .lineSeparator("\n")
                .headerCallback(w -> w.write(CSV.format((Object[]) PreviewRow.HEADER)))
                .encoding("UTF-8")
                .shouldDeleteIfExists(true)
                .build();
        ObservationRegistry registry = observations.getIfAvailable();

        ChunkOrientedStepBuilder<PatientMonth, PreviewRow> decide = new StepBuilder(STEP, jobRepository)
                .<PatientMonth, PreviewRow>chunk(properties.close().chunkSize())
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(calculator::preview)
                .writer(writer)
                .listener(progress);
        if (registry != null) {
            decide.observationRegistry(registry);
        }
        Step publish = new StepBuilder(PUBLISH_STEP, jobRepository).tasklet((contribution, chunk) -> {
            JobExecution jobExecution = chunk.getStepContext().getStepExecution().getJobExecution();
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("month", month.toString());
            meta.put("run_at", run.toString());
            meta.put("today", today.toString());
            meta.put("job_execution_id", jobExecution.getId());
            meta.put("rule_set", ruleSet.id());
            PreviewSummary.write(staging, meta);
            Files.createDirectories(target.getParent());
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            jobExecution.getExecutionContext().putString(PATH_KEY, target.toAbsolutePath().normalize().toString());
            return RepeatStatus.FINISHED;
        }, transactionManager).build();

        JobBuilder job = new JobBuilder(JOB_NAME, jobRepository);
        if (registry != null) {
            job.observationRegistry(registry);
        }
        return job.validator(new DefaultJobParametersValidator(new String[] {"month", "runAt"}, new String[] {"today"}))
                .preventRestart()
                .start(decide.build())
                .next(publish)
                .build();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline);
    }
}
