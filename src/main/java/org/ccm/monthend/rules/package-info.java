/** Rule sets and the chargemaster read from config/ (one YAML file per service year), turned into billing records. */
package org.ccm.monthend.rules;
