package org.ccm.monthend.close;

import static org.ccm.monthend.close.MonthCloseNames.MONTH;
import static org.ccm.monthend.close.MonthCloseNames.PUBLISHED_PATH;
import static org.ccm.monthend.close.MonthCloseNames.REVISION;
import static org.ccm.monthend.close.MonthCloseNames.RULE_SET_ID;
import static org.ccm.monthend.close.MonthCloseNames.RULE_SET_SHA256;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.export.ExportPublisher;
import org.ccm.monthend.extract.PatientRange;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The {@code publishExport} step: the ranges' staging parts concatenated, sorted, summarised, checksummed and moved
 * into place. A restart that has only this step left is refused, like the decide step, when the settings changed:
 * {@code summary.json} names the settings the claims were decided with.
 */
final class PublishExportTasklet implements Tasklet {

    private final JobRepository jobRepository;
    private final ExportPublisher publisher;
    private final RuleSetCatalog catalog;
    private final CcmProperties properties;
    private final GracefulStop gracefulStop;

    PublishExportTasklet(JobRepository jobRepository, ExportPublisher publisher, RuleSetCatalog catalog, CcmProperties properties,
            GracefulStop gracefulStop) {
        this.jobRepository = jobRepository;
        this.gracefulStop = gracefulStop;
        this.publisher = publisher;
        this.catalog = catalog;
        this.properties = properties;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        var jobExecution = chunk.getStepContext().getStepExecution().getJobExecution();
        YearMonth month = YearMonth.parse(jobExecution.getJobParameters().getString(MONTH));
        ExecutionContext context = jobExecution.getExecutionContext();
        new CloseSettings(catalog.loadForMonth(month), properties.billing()).requireSameAs(context);
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
        Path published = publisher.publish(new ExportPublisher.Run(properties.outputDir(), month,
                jobExecution.getJobParameters().getLong(REVISION).intValue(),
                jobExecution.getId(), context.getString(RULE_SET_ID), settings, ranges.size()), decided,
                gracefulStop::requested)
                // SIGTERM while publishing: nothing moved into place; the step ends STOPPED and a restart publishes
                .orElseThrow(() -> new JobInterruptedException("stop requested before the export was moved into place"));
        context.putString(PUBLISHED_PATH, published.toString());
        return RepeatStatus.FINISHED;
    }
}
