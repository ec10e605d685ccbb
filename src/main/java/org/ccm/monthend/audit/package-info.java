/**
 * The audit log: who did what, when, to what and why, for every state-changing action of the console, the command
 * line and the scheduler, written in the same transaction as the change. It depends on nothing but {@code core}, so
 * every feature can record into it.
 */
package org.ccm.monthend.audit;
