package org.ccm.monthend.close;

/**
 * Names the job history is keyed by: operators, auditors and the history commands read them, and a
 * renamed job or step would orphan every earlier close. Change none of them without a migration.
 */
public final class MonthCloseNames {

    public static final String JOB = "monthClose";
    public static final String PREPARE_STEP = "prepareClose";
    public static final String DECIDE_STEP = "decidePatientMonths";
    /**
     * The decide step's workers, one per patient range: their step executions are named
     * {@code decidePatientRange:range0}, {@code decidePatientRange:range1}, ... and hold each range's checkpoint.
     */
    public static final String DECIDE_RANGE_STEP = "decidePatientRange";
    public static final String PUBLISH_STEP = "publishExport";

    /** Identifying job parameters. */
    public static final String MONTH = "month";
    public static final String REVISION = "revision";

    /** Job execution context: what the close used and where it published. */
    public static final String RULE_SET_ID = "ruleSet.id";
    public static final String RULE_SET_SHA256 = "ruleSet.sha256";
    /** What else the close decides with ({@link CloseSettings}): a restart under other values is refused. */
    public static final String CHARGEMASTER_SHA256 = "chargemaster.sha256";
    public static final String SELECTION_POLICY = "billing.selectionPolicy";
    public static final String DATE_OF_SERVICE = "billing.dateOfService";
    public static final String PUBLISHED_PATH = "export.path";

    private MonthCloseNames() {
    }

    /** The step execution name of the worker of range {@code index}. */
    public static String rangeStepName(int index) {
        return DECIDE_RANGE_STEP + ":" + rangePartition(index);
    }

    static String rangePartition(int index) {
        return "range" + index;
    }
}
