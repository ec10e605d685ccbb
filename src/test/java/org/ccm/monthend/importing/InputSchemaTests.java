package org.ccm.monthend.importing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class InputSchemaTests {

    /** The row values are bound in InputFile column order: the schema must list the same columns in the same order. */
    @ParameterizedTest
    @EnumSource(InputFile.class)
    void schemaListsTheContractColumnsInOrder(InputFile file) {
        assertThat(InputSchema.of(file).columns()).extracting(Column::name).containsExactlyElementsOf(file.columns());
    }

    @ParameterizedTest
    @EnumSource(InputFile.class)
    void keyColumnsAreRequired(InputFile file) {
        for (String key : file.keyColumns()) {
            Column column = InputSchema.of(file).column(key);
            assertThat(column.required()).as(key).isTrue();
            assertThat(column.optionalInHeader()).as(key).isFalse();
        }
    }
}
