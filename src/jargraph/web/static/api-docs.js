/* /api/docs: Swagger UI (static/vendor/swagger-ui) over this site's OpenAPI description.
   Nothing leaves the site: no validator badge, and "Try it out" calls this server. */
(function () {
  "use strict";
  var root = document.getElementById("swagger-ui");
  if (!root || !window.SwaggerUIBundle) return;
  window.SwaggerUIBundle({
    url: root.getAttribute("data-spec"),
    domNode: root,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
    validatorUrl: null,
    deepLinking: true,
    tryItOutEnabled: true,
    supportedSubmitMethods: ["get"],
    defaultModelsExpandDepth: -1,
    displayRequestDuration: true
  });
})();
