package org.ccm.monthend.close;

import static org.ccm.monthend.close.MonthCloseNames.MONTH;
import static org.ccm.monthend.close.MonthCloseNames.REVISION;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.export.ExportFiles;
import org.ccm.monthend.extract.PatientRange;
import org.ccm.monthend.rules.RuleSetCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.FileSystemUtils;

/**
 * The {@code prepareClose} step: records what the close decides with ({@link CloseSettings}), fixes the patient
 * ranges for the life of the close, and empties the staging directories.
 */
final class PrepareCloseTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(PrepareCloseTasklet.class);
    private static final int CONNECTIONS_PER_RANGE = 9;
    private static final int CONNECTIONS_BESIDE_RANGES = 4;

    private final RuleSetCatalog catalog;
    private final CcmProperties properties;
    private final JdbcTemplate jdbc;
    private final DataSource dataSource;

    PrepareCloseTasklet(RuleSetCatalog catalog, CcmProperties properties, JdbcTemplate jdbc, DataSource dataSource) {
        this.catalog = catalog;
        this.properties = properties;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) throws Exception {
        var jobExecution = chunk.getStepContext().getStepExecution().getJobExecution();
        YearMonth month = YearMonth.parse(jobExecution.getJobParameters().getString(MONTH));
        int revision = jobExecution.getJobParameters().getLong(REVISION).intValue();
        ExecutionContext context = jobExecution.getExecutionContext();
        new CloseSettings(catalog.loadForMonth(month), properties.billing()).putInto(context);
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
}
