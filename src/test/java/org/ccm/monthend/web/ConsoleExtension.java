package org.ccm.monthend.web;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * For {@code *BrowserIntegrationTests}: skips (or under CI fails) without Chromium, starts the {@link ConsoleApp} once for
 * the whole run (closed when the run ends), gives each test a {@link Browser} of its own as a parameter, and saves a
 * screenshot of what that browser shows at the end of each test under {@code target/screenshots/CLASS-METHOD.png}.
 */
public class ConsoleExtension implements BeforeAllCallback, ParameterResolver, AfterEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConsoleExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        Browser.requireChromium();
        app(context);
    }

    static ConsoleApp app(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(ConsoleApp.class, key -> {
            try {
                return ConsoleApp.start();
            }
            catch (Exception ex) {
                throw new IllegalStateException("the console did not start", ex);
            }
        }, ConsoleApp.class);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Browser.class || type == ConsoleApp.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (parameter.getParameter().getType() == ConsoleApp.class) {
            return app(context);
        }
        // one browser a test, closed with the test's store (after the screenshot below)
        return context.getStore(NAMESPACE).computeIfAbsent(Browser.class, key -> Browser.open(app(context).baseUrl()), Browser.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Browser browser = context.getStore(NAMESPACE).get(Browser.class, Browser.class);
        if (browser != null) {
            browser.screenshot(context.getRequiredTestClass().getSimpleName() + "-" + context.getRequiredTestMethod().getName());
        }
    }
}
