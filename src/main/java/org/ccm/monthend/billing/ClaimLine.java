package org.ccm.monthend.billing;

import java.math.BigDecimal;

/** A claim line: the base code (units 1) or its add-on; amounts are per line (unit amount x units). */
public record ClaimLine(int line, String cpt, int units, BigDecimal chargeAmount, BigDecimal expectedPayment) {
}
