// The API's browsable view: Swagger UI over /api/openapi.json. "Try it out" runs on the
// viewer's own session; changes echo the XSRF-TOKEN cookie as the dashboard does, or the
// server refuses them with 403.
window.addEventListener('DOMContentLoaded', () => {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    // no validator badge: it would send the document to an outside service
    validatorUrl: null,
    requestInterceptor: (request) => {
      const method = (request.method || 'GET').toUpperCase();
      const token = document.cookie.match(/(?:^|;\s*)XSRF-TOKEN=([^;]*)/);
      if (token && !['GET', 'HEAD', 'OPTIONS'].includes(method)) {
        request.headers['X-XSRF-TOKEN'] = decodeURIComponent(token[1]);
      }
      return request;
    },
  });
});
