package org.ccm.monthend.review;

/** What a hold or a release did: the status changed, with its event on the record, or it was refused and nothing changed. */
public sealed interface StatusChange {

    /** The status changed and {@code event} records it (same transaction). */
    record Changed(ClaimEvent event) implements StatusChange {
    }

    /**
     * Nothing changed.
     *
     * @param current the claim's status when it was refused; null when there is no such claim or no reason was given
     */
    record Refused(Refusal refusal, ClaimStatus current) implements StatusChange {

        /** Says why, without the claim id or the reason text (a console line or log must carry no patient data). */
        public String message() {
            return switch (refusal) {
                case NO_SUCH_CLAIM -> "no such claim (see 'claims --month M')";
                case NO_REASON -> "a hold needs a reason (--reason TEXT): it goes on the claim's record";
                case ALREADY_HELD -> "the claim is already HELD; nothing was changed";
                case NOT_HELD -> "only a HELD claim can be released; this one is " + current + "; nothing was changed";
                case SUBMITTED -> "the claim is " + current + ": an interchange has carried it, so a hold would keep"
                        + " nothing back; to take it back from the payer, 'void' it";
                case BEING_SUBMITTED -> "the claim is in an interchange that a submit recorded and has not finished publishing;"
                        + " run 'submit' to finish it, then 'void' the claim if it must not be paid; nothing was changed";
            };
        }
    }

    /** Why a change was refused. */
    enum Refusal {
        NO_SUCH_CLAIM, NO_REASON, ALREADY_HELD, NOT_HELD, SUBMITTED, BEING_SUBMITTED
    }
}
