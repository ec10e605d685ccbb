package org.ccm.monthend.close;

import org.springframework.batch.core.listener.StepListener;

/**
 * A listener the decide step registers whenever a bean of this type exists: the progress line uses it,
 * and tests use it to fail a close on purpose.
 */
public interface DecideStepListener extends StepListener {
}
