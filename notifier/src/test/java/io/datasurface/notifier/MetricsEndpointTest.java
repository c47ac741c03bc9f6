package io.datasurface.notifier;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MetricsEndpointTest {

    @Test
    void metricsServesSentRetriedDroppedAndRejectedCounters() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("datasurface_notifier_messages_sent_total 0"),
                        containsString("datasurface_notifier_retries_total{reason=\"rate_limited\"} 0"),
                        containsString("datasurface_notifier_messages_dropped_total{reason=\"duplicate\"} 0"),
                        containsString("datasurface_notifier_messages_rejected_total 0"));
    }
}
