package org.ccm.monthend.billing;

/**
 * Services that exclude CCM in the same month (CONFLICTING_SERVICE): codes from {@code firstCode} to
 * {@code lastCode} inclusive (same-length codes compared as text, so G0556..G0558 and 90951..90970 work).
 *
 * @param samePractitionerOnly the service excludes CCM only when our billing practitioner billed it (PCM)
 */
public record ConflictRule(String name, String firstCode, String lastCode, boolean samePractitionerOnly) {

    public boolean covers(String cpt) {
        return cpt != null && cpt.length() == firstCode.length()
                && cpt.compareTo(firstCode) >= 0 && cpt.compareTo(lastCode) <= 0;
    }
}
