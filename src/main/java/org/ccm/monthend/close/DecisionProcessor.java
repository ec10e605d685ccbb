package org.ccm.monthend.close;

import org.ccm.monthend.billing.BillingRules;
import org.ccm.monthend.billing.Decision;
import org.ccm.monthend.billing.PatientMonth;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/** The decide part of the decide step: the rules engine applied to each patient-month. */
class DecisionProcessor implements ItemProcessor<PatientMonth, Decision> {

    private final BillingRules rules;

    DecisionProcessor(BillingRules rules) {
        this.rules = rules;
    }

    @Override
    public Decision process(PatientMonth patientMonth) {
        return rules.decide(patientMonth);
    }
}
