package org.ccm.monthend.close;

import static org.ccm.monthend.close.MonthCloseNames.CHARGEMASTER_SHA256;
import static org.ccm.monthend.close.MonthCloseNames.DATE_OF_SERVICE;
import static org.ccm.monthend.close.MonthCloseNames.RULE_SET_ID;
import static org.ccm.monthend.close.MonthCloseNames.RULE_SET_SHA256;
import static org.ccm.monthend.close.MonthCloseNames.SELECTION_POLICY;

import java.util.ArrayList;
import java.util.List;

import org.ccm.monthend.CcmProperties;
import org.ccm.monthend.rules.LoadedRuleSet;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Everything a close decides with besides the data: the rule file, the chargemaster and the billing settings
 * ({@code ccm.billing.*}). {@code prepareClose} records them in the job context; every later step compares them
 * with what it would use now and refuses to go on when they differ, because one export must be decided under one
 * set of settings, the set {@code summary.json} names.
 */
record CloseSettings(LoadedRuleSet ruleSet, CcmProperties.Billing billing) {

    private static final String RESTORE = " to finish the close, or abandon the execution and close a new revision";

    void putInto(ExecutionContext context) {
        context.putString(RULE_SET_ID, ruleSet.ruleSet().id());
        context.putString(RULE_SET_SHA256, ruleSet.sha256());
        context.putString(CHARGEMASTER_SHA256, ruleSet.chargemasterSha256());
        context.putString(SELECTION_POLICY, billing.selectionPolicy().name());
        context.putString(DATE_OF_SERVICE, billing.dateOfService().name());
    }

    /**
     * Refuses these settings when they differ from those {@code recorded} at the start of the close, naming each
     * that changed. A value a close did not record (one started by an older version) is not compared.
     */
    void requireSameAs(ExecutionContext recorded) {
        List<String> changed = new ArrayList<>();
        if (differs(recorded, RULE_SET_SHA256, ruleSet.sha256())) {
            changed.add("rule set " + ruleSet.file() + " changed since this close started");
        }
        if (differs(recorded, CHARGEMASTER_SHA256, ruleSet.chargemasterSha256())) {
            changed.add("chargemaster " + ruleSet.chargemaster() + " changed since this close started");
        }
        if (differs(recorded, SELECTION_POLICY, billing.selectionPolicy().name())) {
            changed.add(setting("ccm.billing.selection-policy", recorded.getString(SELECTION_POLICY), billing.selectionPolicy().name()));
        }
        if (differs(recorded, DATE_OF_SERVICE, billing.dateOfService().name())) {
            changed.add(setting("ccm.billing.date-of-service", recorded.getString(DATE_OF_SERVICE), billing.dateOfService().name()));
        }
        if (!changed.isEmpty()) {
            throw new IllegalStateException(String.join("; ", changed) + "; restore " + (changed.size() == 1 ? "it" : "them") + RESTORE);
        }
    }

    private static boolean differs(ExecutionContext recorded, String key, String now) {
        return recorded.containsKey(key) && !recorded.getString(key).equals(now);
    }

    private static String setting(String name, String was, String now) {
        return "setting " + name + " changed from " + was + " to " + now + " since this close started";
    }
}
