package org.ccm.monthend.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.ccm.monthend.importing.InputFile;
import org.junit.jupiter.api.Test;

/** The generated rows hold to the data contract's column order by name, so a moved component cannot shift a column. */
class InputRowTests {

    @Test
    void eachRowRecordHasTheColumnsOfItsFileInTheContractsOrder() {
        Set<InputFile> seen = EnumSet.noneOf(InputFile.class);
        for (Class<?> type : InputRow.class.getPermittedSubclasses()) {
            List<String> components = Arrays.stream(type.getRecordComponents()).map(c -> snakeCase(c.getName())).toList();
            InputFile file = fileOf(type);
            seen.add(file);
            assertThat(components).as(type.getSimpleName()).isEqualTo(file.columns());
        }
        assertThat(seen).containsExactlyInAnyOrder(InputFile.values());
    }

    @Test
    void valuesComeInComponentOrder() {
        List<InputRow> rows = new ArrayList<>();
        new DemoGenerator(new DemoSpec(300, YearMonth.of(2026, 10), 42)).generate(new RowSink() {

            @Override
            public void row(InputRow row) {
                rows.add(row);
            }

            @Override
            public void close() {
            }
        });
        Set<InputFile> seen = EnumSet.noneOf(InputFile.class);
        for (InputRow row : rows) {
            seen.add(row.file());
            assertThat(row.values()).as(row.toString()).containsExactly(componentValues(row));
        }
        assertThat(seen).containsExactlyInAnyOrder(InputFile.values());
    }

    private static Object[] componentValues(InputRow row) {
        RecordComponent[] components = row.getClass().getRecordComponents();
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            try {
                values[i] = components[i].getAccessor().invoke(row);
            }
            catch (ReflectiveOperationException ex) {
                throw new AssertionError(ex);
            }
        }
        return values;
    }

    /** The file a row type belongs to, from an instance with every component null or zero. */
    private static InputFile fileOf(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructors()[0];
            Object[] arguments = Arrays.stream(constructor.getParameterTypes())
                    .map(p -> p == boolean.class ? (Object) false : null).toArray();
            return ((InputRow) constructor.newInstance(arguments)).file();
        }
        catch (ReflectiveOperationException ex) {
            throw new AssertionError(ex);
        }
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }
}
