# The lesson as one image, for a class: Binder (repo2docker builds this file as is) and JupyterHub
# (Zero to JupyterHub: every student's server runs this image). See README.md, "Teaching a class".
#
#   docker build -t lista5 .
#   docker run --rm -p 8888:8888 lista5        # then open the http://127.0.0.1:8888/lab?token=… it prints
#
# Everything is built in: node_modules, lib/dist, the Python environment .venv (JupyterLab, Notebook 7,
# nbconvert, TensorBoard) and the tslab kernel. Nothing needs the internet or root at run time.
#
# Optional build arguments, for school networks (proxy, mirrors); without them the public registries:
#   EXTRA_CA_CERTS       PEM text of extra CA certificates (a TLS-inspecting proxy), or
#   EXTRA_CA_CERTS_URL   an http(s) URL of such a PEM file; used during the build only, not kept
#   NPM_CONFIG_REGISTRY  an npm mirror (e.g. https://npm.example.edu/)
#   PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, PIP_FIND_LINKS, PIP_TRUSTED_HOST   a PyPI mirror
#   HTTP_PROXY, HTTPS_PROXY, NO_PROXY   Docker's own proxy arguments (apt, npm and pip use them)
#   JUPYTERHUB_VERSION   installs jupyterhub==VERSION (a JupyterHub needs it to match the hub's version)
#   NB_USER, NB_UID      the user (Binder sets them; default jovyan, 1000)
ARG NODE_IMAGE=node:20-bookworm-slim
FROM ${NODE_IMAGE}

ARG NB_USER=jovyan
ARG NB_UID=1000

# Python with venv (Debian's python3 is 3.11, like the tested machine); tini reaps the processes that
# kernels leave behind (TensorBoard) when it runs as process 1.
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends python3 python3-venv ca-certificates tini \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/archives/*.deb

# Binder's rules: the user NB_USER with uid NB_UID and a home folder that holds the repository.
# The node images have a user "node" with uid 1000: it makes room for NB_USER.
RUN old="$(getent passwd "${NB_UID}" | cut -d: -f1)"; \
    if [ -n "$old" ]; then userdel --remove "$old" 2>/dev/null || userdel "$old"; fi; \
    useradd --create-home --uid "${NB_UID}" --user-group --shell /bin/bash "${NB_USER}"
ENV USER=${NB_USER} \
    HOME=/home/${NB_USER}
WORKDIR ${HOME}
USER ${NB_USER}

# What `npm ci` needs first (the postinstall compiles lib/ and makes .venv), so that a change to the
# notebooks or the docs rebuilds only the last layers.
COPY --chown=${NB_USER}:${NB_USER} package.json package-lock.json ./
COPY --chown=${NB_USER}:${NB_USER} lib/ lib/
COPY --chown=${NB_USER}:${NB_USER} patches/ patches/
COPY --chown=${NB_USER}:${NB_USER} scripts/apply-patches.mjs scripts/setup.mjs scripts/paths.mjs scripts/
COPY --chown=${NB_USER}:${NB_USER} python/requirements.txt python/requirements-server.txt python/

ARG EXTRA_CA_CERTS=""
ARG EXTRA_CA_CERTS_URL=""
ARG NPM_CONFIG_REGISTRY=""
ARG PIP_INDEX_URL=""
ARG PIP_EXTRA_INDEX_URL=""
ARG PIP_FIND_LINKS=""
ARG PIP_TRUSTED_HOST=""
ARG JUPYTERHUB_VERSION=""
RUN set -eu; \
    for v in NPM_CONFIG_REGISTRY PIP_INDEX_URL PIP_EXTRA_INDEX_URL PIP_FIND_LINKS PIP_TRUSTED_HOST; do \
      eval "[ -n \"\${$v}\" ]" || unset "$v"; \
    done; \
    if [ -n "${EXTRA_CA_CERTS}${EXTRA_CA_CERTS_URL}" ]; then \
      cp /etc/ssl/certs/ca-certificates.crt /tmp/lista5-ca.pem; \
      if [ -n "${EXTRA_CA_CERTS}" ]; then printf '%s\n' "${EXTRA_CA_CERTS}" >> /tmp/lista5-ca.pem; fi; \
      if [ -n "${EXTRA_CA_CERTS_URL}" ]; then \
        node -e 'fetch(process.argv[1]).then(async (r) => { if (!r.ok) throw new Error(`${r.status} ${process.argv[1]}`); process.stdout.write(await r.text()); })' \
          "${EXTRA_CA_CERTS_URL}" >> /tmp/lista5-ca.pem; \
      fi; \
      export NODE_EXTRA_CA_CERTS=/tmp/lista5-ca.pem PIP_CERT=/tmp/lista5-ca.pem; \
    fi; \
    export PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 npm_config_update_notifier=false; \
    npm ci --no-audit --no-fund; \
    .venv/bin/python -m pip install --quiet -r python/requirements-server.txt; \
    if .venv/bin/python -m pip install --quiet 'jupyter-server-proxy>=4.1,<5'; then \
      echo "jupyter-server-proxy installed: TensorBoard opens through <base_url>proxy/<port>/"; \
    else \
      echo "NOTE: jupyter-server-proxy is not in this package index; the image works without it (the notebook then says how to see TensorBoard's views)."; \
    fi; \
    if [ -n "${JUPYTERHUB_VERSION}" ]; then .venv/bin/python -m pip install --quiet "jupyterhub==${JUPYTERHUB_VERSION}"; fi; \
    npm cache clean --force 2>/dev/null; \
    rm -rf "$HOME/.npm" "$HOME/.cache" /tmp/lista5-ca.pem

# The rest of the repository (notebooks, docs, tests); .dockerignore keeps out what is built above.
COPY --chown=${NB_USER}:${NB_USER} . .
# Jupyter settings for every server command (jupyter lab, jupyter notebook, jupyterhub-singleuser):
# the TypeScript kernel by default, JupyterLab opening the student notebook.
COPY --chown=${NB_USER}:${NB_USER} deploy/image/jupyter_server_config.json .venv/etc/jupyter/jupyter_server_config.json

# Jupyter, TensorBoard and Python from .venv; the notebook's TensorBoard goes through the server's
# proxy (the container's localhost is not the student's).
ENV VIRTUAL_ENV=${HOME}/.venv \
    PATH=${HOME}/.venv/bin:${PATH} \
    LISTA5_JUPYTER_BASE_URL=/
EXPOSE 8888
ENTRYPOINT ["tini", "-g", "--"]
CMD ["jupyter", "lab", "--ip=0.0.0.0", "--port=8888", "--no-browser"]
