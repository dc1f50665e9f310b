"""An organisation's single-user server behind JupyterHub: the app through Voilà's server
extension, as on Binder, with the settings ``inkl app`` uses and every change signed with the
hub user who opened the page. Install it where Jupyter reads configuration, e.g.
``/etc/jupyter/jupyter_server_config.py`` in the image (see ``deploy/README.md``)."""

from traitlets.config import JSONFileConfigLoader

from inkl_widgets.content.resources import notebooks_dir, voila_config_dir
from inkl_widgets.server.hub import sign_changes_with_hub_user

c = get_config()  # noqa: F821 - provided by Jupyter when it reads this file

# The project's voila.json: no tracebacks, sources stripped, the page template, kernel culling.
c.merge(JSONFileConfigLoader("voila.json", path=str(voila_config_dir())).load_config())
c.ServerApp.root_dir = str(notebooks_dir())
c.ServerApp.tornado_settings = {
    "compress_response": True,
    "mathjax_url": None,
    "mathjax_config": None,
}
c.VoilaConfiguration.prelaunch_hook = sign_changes_with_hub_user
