"""What a game file states beyond one simultaneous move with complete information, one module
per section: ``sequence`` (who moves first), ``capacity`` (strategies that may fail), ``types``
(hidden types with priors), ``mediator`` and ``repeated``. Each holds the frozen dataclass a
:class:`~sovgame.core.case.Case` keeps (``case.section(MoveOrder)``)."""
