/** A biller's review of decided claims: each claim's lifecycle status and its events, the claims of a month, hold and release. */
package org.ccm.monthend.review;
