package io.cenote.examples.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless browser: Debian's chromium driven through chromium-driver
 * by Selenium, against {@code scripts/dashboard.sh}'s program on embedded SQLite. It starts the
 * exhaustion scenario by clicking, sees the scenario pool's waiting line rise and a timeout on
 * the timeline, resizes a pool through its form, takes the replica down and up, and finds no
 * error in the browser's console. It saves screenshots to {@code target/dashboard-exhaustion.png}
 * (when the timeout shows) and {@code target/dashboard.png} (at the end).
 */
class DashboardBrowserIT {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Pattern URL = Pattern.compile("Cenote dashboard on (http://\\S+)");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final HttpClient http = HttpClient.newHttpClient();
  private CompletableFuture<Integer> server;
  private URI base;
  private ChromeDriver browser;

  @BeforeEach
  void startDashboardAndBrowser() throws Exception {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!"true".equals(System.getenv("CI"))) {
      assumeThat(installed).as("chromium and chromium-driver installed").isTrue();
    }
    assertThat(installed).as("chromium and chromedriver (scripts/test.sh installs them)")
        .isTrue();
    PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
    server = CompletableFuture.supplyAsync(() -> DashboardMain.run(new String[] {"--port", "0",
        "--scenario-seconds", "20", "--clients", "2"}, Map.of(), print, print));
    base = URI.create(awaitUrl());
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--window-size=1300,1800");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowserAndDashboard() throws Exception {
    if (browser != null) {
      browser.quit();
    }
    if (server != null && base != null) {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/shutdown"))
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as("graceful shutdown: %s", r.body()).isEqualTo(202);
      assertThat(server.get(60, TimeUnit.SECONDS))
          .as("exit status; output:%n%s", out).isZero();
    }
  }

  @Test
  void watchExhaustionResizeAPoolAndTakeTheReplicaDown() throws Exception {
    browser.get(base.toString());
    WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
    wait.until(d -> !d.findElements(By.cssSelector("[data-pool='shop-primary']")).isEmpty());

    browser.findElement(By.cssSelector("button[data-scenario='exhaustion']")).click();
    wait.until(d -> !d.findElements(By.cssSelector("[data-pool='exhaustion']")).isEmpty());
    long started = System.nanoTime();
    wait.until(d -> maxOfDataset("exhaustion", "waiting") > 0);
    System.out.printf("waiting rose %d ms after the pool appeared%n",
        (System.nanoTime() - started) / 1_000_000);
    wait.until(d -> !d.findElements(By.cssSelector("#events li[data-kind='timeout']"))
        .isEmpty());
    screenshot("dashboard-exhaustion.png");

    WebElement form = browser.findElement(By.cssSelector("form[data-resize='reports']"));
    fill(form, "minIdle", "1");
    fill(form, "maxSize", "6");
    fill(form, "maxOverflow", "2");
    form.findElement(By.cssSelector("button[type='submit'], input[type='submit']")).click();
    wait.until(d -> get("/api/pools/reports").contains("\"maxSize\":6"));
    assertThat(get("/api/pools")).contains("\"maxSize\":6");

    By replica = By.cssSelector("tr[data-host='shop/shop-replica']");
    browser.findElement(replica).findElement(By.cssSelector("button[data-host-action='down']"))
        .click();
    wait.until(d -> "excluded".equals(d.findElement(replica).getAttribute("data-state")));
    browser.findElement(replica).findElement(By.cssSelector("button[data-host-action='up']"))
        .click();
    wait.until(d -> "healthy".equals(d.findElement(replica).getAttribute("data-state")));
    screenshot("dashboard.png");

    List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
    assertThat(errors).as("errors in the browser console").isEmpty();
  }

  private double maxOfDataset(String pool, String label) {
    Object v = ((JavascriptExecutor) browser).executeScript(
        "const c = window.cenote && window.cenote.charts[arguments[0]];"
            + "if (!c) return 0;"
            + "const d = c.data.datasets.find(s => s.label === arguments[1]);"
            + "if (!d) return 0;"
            + "return Math.max(0, ...d.data.map(p => typeof p === 'number' ? p : p.y));",
        pool, label);
    return v instanceof Number n ? n.doubleValue() : 0;
  }

  private void fill(WebElement form, String name, String value) {
    WebElement input = form.findElement(By.name(name));
    input.clear();
    input.sendKeys(value);
  }

  private String get(String path) {
    try {
      return http.send(HttpRequest.newBuilder(base.resolve(path)).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private void screenshot(String name) throws Exception {
    File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target", name);
    Files.createDirectories(target.getParent());
    Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
    System.out.println("screenshot: " + target.toAbsolutePath());
  }

  private String awaitUrl() throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher m = URL.matcher(out.toString(StandardCharsets.UTF_8));
      if (m.find()) {
        return m.group(1);
      }
      if (server.isDone()) {
        throw new AssertionError("the dashboard ended early:\n" + out);
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no URL printed within " + PATIENCE + ":\n" + out);
  }
}
