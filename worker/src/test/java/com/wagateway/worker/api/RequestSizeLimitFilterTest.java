package com.wagateway.worker.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The size limit without Spring MVC: a declared length is refused up front, a chunked body is cut at the limit. */
class RequestSizeLimitFilterTest {

    private final RequestSizeLimitFilter filter =
            new RequestSizeLimitFilter(100, new ErrorResponseWriter(JsonMapper.builder().build()));

    @Test
    void declaredLengthOverTheLimitIs413WithoutCallingTheChain() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/session/create");
        request.setContent(new byte[101]);
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString())
                .isEqualTo("{\"success\":false,\"error\":\"Request body too large: the limit is 100 bytes\"}");
        assertThat(chain.getRequest()).as("chain not called").isNull();
    }

    @Test
    void chunkedBodyIsCutAtTheLimit() throws Exception {
        MockHttpServletRequest raw = new MockHttpServletRequest("POST", "/api/session/create");
        raw.setContent(new byte[5000]);
        HttpServletRequest chunked = new HttpServletRequestWrapper(raw) {
            @Override
            public int getContentLength() {
                return -1; // Transfer-Encoding: chunked
            }

            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicReference<Integer> readBeforeFailure = new AtomicReference<>(0);
        filter.doFilter(chunked, new MockHttpServletResponse(), (req, res) -> {
            try (InputStream in = req.getInputStream()) {
                byte[] buffer = new byte[30];
                int n;
                while ((n = in.read(buffer)) > 0) {
                    readBeforeFailure.set(readBeforeFailure.get() + n);
                }
            } catch (PayloadTooLargeException e) {
                thrown.set(e);
            }
        });
        assertThat(thrown.get()).isInstanceOf(PayloadTooLargeException.class);
        assertThat(readBeforeFailure.get()).isLessThanOrEqualTo(100);
    }

    @Test
    void bodyAtTheLimitPassesWhole() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
        request.setContent(new byte[100]);
        AtomicReference<Integer> read = new AtomicReference<>();
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> read.set(req.getInputStream()
                .readAllBytes().length));
        assertThat(read.get()).isEqualTo(100);
    }

    @Test
    void singleByteReadsAreCountedToo() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/x");
        request.setContent(new byte[150]);
        HttpServletRequest chunked = new HttpServletRequestWrapper(request) {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        filter.doFilter(chunked, new MockHttpServletResponse(), (req, res) -> {
            InputStream in = req.getInputStream();
            assertThatThrownBy(() -> {
                while (in.read() >= 0) {
                    // drain byte by byte
                }
            }).isInstanceOf(PayloadTooLargeException.class);
        });
    }
}
