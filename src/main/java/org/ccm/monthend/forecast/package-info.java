/** Revenue projection for a practice (patients x eligible x enrolled x net) beside what its closed months actually billed. */
package org.ccm.monthend.forecast;
