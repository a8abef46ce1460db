"""The torch side of minigrad's proofs: bridges, models and loops for either library.

Every function here takes ``lib``, the ``torch`` module or the ``minigrad``
module, so one piece of code runs under both and the results can be compared.
"""
