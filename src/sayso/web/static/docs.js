// Starts Swagger UI on /docs (a file, not an inline script: the CSP allows only 'self').
window.addEventListener("DOMContentLoaded", function () {
  window.SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });
});
